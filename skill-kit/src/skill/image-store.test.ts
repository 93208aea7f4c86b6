import { describe, expect, it } from 'vitest';
import { ImageStore, pictureSkill } from './image-store.js';

const picture = (byte: number, size = 100) => Buffer.alloc(size, byte);

describe('ImageStore', () => {
  it('names a picture by its content, under the skill, and keeps one copy of the same picture', () => {
    const store = new ImageStore('image', 1_000);
    const first = store.put(picture(1), 'image/png');
    expect(first).toMatchObject({
      uri: expect.stringMatching(/^mmskills:\/\/image\/images\/[0-9a-f]{32}\.png$/),
      size: 100,
    });
    expect(store.put(picture(1), 'image/png')).toEqual(first);
    expect(store.list()).toHaveLength(1);
    expect(store.read(first.uri)?.data.equals(picture(1))).toBe(true);
    expect(pictureSkill(first.uri)).toBe('image');
    expect(pictureSkill('mmskills://detect/images/x.png')).toBe('detect');
    expect(pictureSkill('mmskills://detect/other/x.png')).toBeUndefined();
  });

  it('drops the least recently used pictures past its bytes, and keeps none larger than them all', () => {
    const store = new ImageStore('image', 250);
    const [a, b] = [store.put(picture(1), 'image/png'), store.put(picture(2), 'image/jpeg')];
    store.put(picture(1), 'image/png'); // a is used again: b is now the oldest
    const c = store.put(picture(3), 'image/webp');
    expect(store.list().map((held) => held.uri)).toEqual([c.uri, a.uri]);
    expect(store.read(b.uri)).toBeUndefined();
    const huge = store.put(picture(4, 300), 'image/png');
    expect(store.read(huge.uri)).toBeUndefined();
    expect(store.list()).toHaveLength(2);
  });
});
