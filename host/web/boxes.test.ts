import { describe, expect, it } from 'vitest';
import { boxesIn } from './boxes.js';

describe('boxesIn', () => {
  it('finds the boxes of objects, faces, text lines and people, skipping bad ones', () => {
    const found = boxesIn({
      objects: [
        { label: 'cat', score: 0.914, box: [0.1, 0.2, 0.5, 0.9] },
        { label: 'x', box: [0.5, 0, 0.4, 1] },
      ],
      faces: [{ score: 0.5, box: [0, 0, 0.2, 0.2] }],
      lines: [
        { text: 'STOP', confidence: 0.99, box: [0.3, 0.3, 0.6, 0.4] },
        { text: 'big', box: [0, 0, 2, 1] },
      ],
      new_images: ['image_2'],
    });
    expect(found.map((f) => [f.label.name, f.label.text, f.box])).toEqual([
      ['cat', 'cat 91%', [0.1, 0.2, 0.5, 0.9]],
      ['face', 'face 50%', [0, 0, 0.2, 0.2]],
      ['STOP', 'STOP 99%', [0.3, 0.3, 0.6, 0.4]],
    ]);
    expect(boxesIn({ coverage: 0.2, box: [0.1, 0.1, 0.3, 0.9] })[0]?.label.name).toBe('region');
    expect(boxesIn('text')).toEqual([]);
  });
});
