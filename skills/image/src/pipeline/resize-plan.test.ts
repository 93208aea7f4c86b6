import { describe, expect, it } from 'vitest';
import { planResize } from './resize-plan.js';

describe('planResize', () => {
  const source = { width: 1000, height: 500 };

  it('follows the aspect ratio from one side and fits inside both', () => {
    expect(planResize(source, { width: 300 }, 'inside')).toEqual({ width: 300, height: 150 });
    expect(planResize(source, { height: 300 }, 'fill')).toEqual({ width: 600, height: 300 });
    expect(planResize(source, { width: 300, height: 300 }, 'inside')).toEqual({ width: 300, height: 150 });
    expect(planResize(source, { width: 300, height: 300 }, 'cover')).toEqual({ width: 300, height: 300 });
  });

  it('refuses more than 8192 a side or 40 megapixels', () => {
    expect(() => planResize(source, { height: 5000 }, 'inside')).toThrow(/10000×5000, over the limit/);
    expect(() => planResize(source, { width: 8000, height: 8000 }, 'fill')).toThrow(/8000×8000/);
    expect(() => planResize(source, {}, 'fill')).toThrow(/width, height or both/);
  });
});
