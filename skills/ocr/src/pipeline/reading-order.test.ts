import { describe, expect, it } from 'vitest';
import { type Boxed, readingOrder } from './reading-order.js';

const line = (name: string, x1: number, y1: number, x2: number, y2: number) => ({
  name,
  bounds: [x1, y1, x2, y2] as Boxed['bounds'],
});

describe('readingOrder', () => {
  it('reads rows top to bottom and each row left to right, even when a price sits a little higher', () => {
    const lines = [
      line('price 2', 480, 99, 560, 131),
      line('item 1', 40, 50, 200, 80),
      line('item 2', 40, 100, 180, 130),
      line('price 1', 482, 48, 560, 79),
      line('title', 200, 5, 400, 35),
    ];
    expect(readingOrder(lines).map((l) => l.name)).toEqual([
      'title',
      'item 1',
      'price 1',
      'item 2',
      'price 2',
    ]);
  });

  it('does not let a tall vertical line pull the rows beside it together', () => {
    const lines = [
      line('row 1', 10, 0, 300, 20),
      line('row 2', 10, 30, 300, 50),
      line('row 3', 10, 60, 300, 80),
      line('vertical', 320, 0, 340, 80),
    ];
    expect(readingOrder(lines).map((l) => l.name)).toEqual(['row 1', 'row 2', 'vertical', 'row 3']);
  });
});
