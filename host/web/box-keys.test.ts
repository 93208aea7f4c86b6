import { describe, expect, it } from 'vitest';
import { boxAfterKey } from './box-keys.js';

describe('drawing the box with keys', () => {
  it('puts a box over the middle on Enter or Space, and keeps one already drawn', () => {
    expect(boxAfterKey(null, 'Enter')).toEqual([0.25, 0.25, 0.75, 0.75]);
    expect(boxAfterKey(null, ' ')).toEqual([0.25, 0.25, 0.75, 0.75]);
    expect(boxAfterKey([0.1, 0.1, 0.2, 0.2], 'Enter')).toEqual([0.1, 0.1, 0.2, 0.2]);
  });

  it('moves the box by 2%, or 10% with Alt, without leaving the picture', () => {
    expect(boxAfterKey([0.25, 0.25, 0.75, 0.75], 'ArrowRight')).toEqual([0.27, 0.25, 0.77, 0.75]);
    expect(boxAfterKey([0.25, 0.25, 0.75, 0.75], 'ArrowUp', { alt: true })).toEqual([0.25, 0.15, 0.75, 0.65]);
    expect(boxAfterKey([0.01, 0.5, 0.3, 0.99], 'ArrowLeft')).toEqual([0, 0.5, 0.29, 0.99]);
    expect(boxAfterKey([0.01, 0.5, 0.3, 0.99], 'ArrowDown', { alt: true })).toEqual([0.01, 0.51, 0.3, 1]);
  });

  it('resizes from the right and bottom edges with Shift, never below 2% or past the picture', () => {
    expect(boxAfterKey([0.2, 0.2, 0.5, 0.5], 'ArrowRight', { shift: true })).toEqual([0.2, 0.2, 0.52, 0.5]);
    expect(boxAfterKey([0.2, 0.2, 0.5, 0.5], 'ArrowUp', { shift: true })).toEqual([0.2, 0.2, 0.5, 0.48]);
    expect(boxAfterKey([0.2, 0.2, 0.23, 0.5], 'ArrowLeft', { shift: true, alt: true })).toEqual([
      0.2, 0.2, 0.22, 0.5,
    ]);
    expect(boxAfterKey([0.2, 0.2, 0.95, 0.5], 'ArrowRight', { shift: true, alt: true })).toEqual([
      0.2, 0.2, 1, 0.5,
    ]);
  });

  it('removes the box on Delete, Backspace or Escape, and leaves other keys alone', () => {
    for (const key of ['Delete', 'Backspace', 'Escape']) expect(boxAfterKey([0, 0, 1, 1], key)).toBeNull();
    expect(boxAfterKey(null, 'Escape')).toBeUndefined();
    expect(boxAfterKey(null, 'ArrowLeft')).toBeUndefined();
    expect(boxAfterKey([0, 0, 1, 1], 'a')).toBeUndefined();
    expect(boxAfterKey([0, 0, 1, 1], 'Tab')).toBeUndefined();
  });
});
