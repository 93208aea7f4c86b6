import { describe, expect, it } from 'vitest';
import { rejection } from './rejection.js';

describe('rejection', () => {
  it('returns the Error a promise was rejected with, code included', async () => {
    const error = Object.assign(new Error('no'), { code: 'invalid_image' });
    expect(await rejection(Promise.reject(error))).toBe(error);
  });

  it('fails when the promise resolves or rejects with something other than an Error', async () => {
    await expect(rejection(Promise.resolve(1))).rejects.toThrow(
      /expected a rejection, but the promise resolved/,
    );
    await expect(rejection(Promise.reject('text'))).rejects.toThrow(/with an Error, got text/);
  });
});
