import { describe, expect, it } from 'vitest';
import { isMmskillsError, MmskillsError, MmskillsErrorCode } from './errors.js';

describe('MmskillsError', () => {
  it('carries its code and cause', () => {
    const cause = new Error('inner');
    const error = new MmskillsError(MmskillsErrorCode.InvalidImage, 'bad image', { cause });
    expect(error.code).toBe('invalid_image');
    expect(error.cause).toBe(cause);
    expect(isMmskillsError(error, MmskillsErrorCode.InvalidImage)).toBe(true);
    expect(isMmskillsError(error, MmskillsErrorCode.Internal)).toBe(false);
    expect(isMmskillsError(new Error('x'))).toBe(false);
  });
});
