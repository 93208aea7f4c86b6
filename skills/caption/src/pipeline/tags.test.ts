import { describe, expect, it } from 'vitest';
import { tagsFromDetections } from './tags.js';

describe('tagsFromDetections', () => {
  it('scores each label by its share of the boxes, most boxes first', () => {
    const { tags, boxes } = tagsFromDetections(
      ['cat', ' Dog', 'dog', 'sofa'],
      [
        [0, 0, 0.5, 0.5],
        [0.1, 0.1, 0.2, 0.2],
        [0.3, 0.3, 0.4, 0.4],
        [0, 0.5, 1, 1],
      ],
      10,
    );
    expect(boxes).toBe(4);
    expect(tags.map(({ tag, score, count }) => [tag, score, count])).toEqual([
      ['dog', 0.5, 2],
      ['cat', 0.25, 1],
      ['sofa', 0.25, 1],
    ]);
    expect(tags[0]?.boxes).toEqual([
      [0.1, 0.1, 0.2, 0.2],
      [0.3, 0.3, 0.4, 0.4],
    ]);
  });

  it('keeps at most maxTags, drops empty labels and clamps boxes into the image', () => {
    const { tags, boxes } = tagsFromDetections(
      ['a', '', 'b'],
      [
        [-0.1, 0, 1.2, 1],
        [0, 0, 1, 1],
        [0, 0, 1, 1],
      ],
      1,
    );
    expect(boxes).toBe(2);
    expect(tags).toEqual([{ tag: 'a', score: 0.5, count: 1, boxes: [[0, 0, 1, 1]] }]);
  });

  it('gives no tags when nothing was detected', () => {
    expect(tagsFromDetections([], [], 5)).toEqual({ tags: [], boxes: 0 });
  });
});
