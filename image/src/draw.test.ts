import { paletteColour } from '@mmskills/core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DecodedImage } from './decode.js';
import { type AnnotatedImage, drawAnnotations } from './draw.js';

const GREY = [128, 128, 128];
const RED = [255, 0, 0];
const GREEN = [0, 255, 0];
const BLUE = [0, 0, 255];

function greyImage(width: number, height: number): DecodedImage {
  return { data: Buffer.alloc(width * height * 3, 128), width, height, format: 'png' };
}

async function pixels(picture: AnnotatedImage) {
  const { data, info } = await sharp(picture.data).raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height, info.channels]).toEqual([picture.width, picture.height, 3]);
  return (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
}

describe('drawAnnotations', () => {
  const grey = greyImage(200, 100);

  it('outlines a box on its edge pixels and leaves the inside and outside untouched', async () => {
    const picture = await drawAnnotations(grey, {
      boxes: [{ box: [0.25, 0.2, 0.75, 0.8], color: '#ff0000' }],
    });
    expect(picture).toMatchObject({ mimeType: 'image/png', width: 200, height: 100 });
    expect(picture.drawn).toEqual({ boxes: 1, keypoints: 0, lines: 0, masks: 0 });
    const at = await pixels(picture);
    // Box pixels [50, 20, 150, 80); a 2-pixel line inside the edge.
    for (const [x, y] of [
      [50, 50],
      [51, 50],
      [149, 50],
      [148, 50],
      [100, 20],
      [100, 79],
    ] as const) {
      expect(at(x, y), `(${x}, ${y})`).toEqual(RED);
    }
    for (const [x, y] of [
      [100, 50],
      [52, 50],
      [49, 50],
      [150, 50],
      [100, 19],
      [100, 81],
    ] as const) {
      expect(at(x, y), `(${x}, ${y})`).toEqual(GREY);
    }
  });

  it('captions boxes on a band above them, one colour per label, markup in labels escaped', async () => {
    const picture = await drawAnnotations(grey, {
      boxes: [
        { label: 'person', score: 0.931, box: [0.1, 0.3, 0.4, 0.9] },
        { label: 'person', score: 0.5, box: [0.5, 0.3, 0.6, 0.9] },
        { label: '<cup> & "saucer"</text>', score: 0.71, box: [0.7, 0.5, 0.9, 0.9] },
      ],
    });
    const at = await pixels(picture);
    expect(at(20, 60)).toEqual(paletteColour(0));
    expect(at(100, 60)).toEqual(paletteColour(0));
    expect(at(140, 80)).toEqual(paletteColour(1));
    // The caption band sits above the box (the box starts at y = 30; the band is 17 pixels high).
    expect(at(21, 27)).not.toEqual(GREY);
    expect(at(21, 12)).toEqual(GREY);
    // The escaped label renders on its own band above the third box.
    expect(at(141, 48)).not.toEqual(GREY);
  });

  it('draws earlier boxes over later ones', async () => {
    const box = [0.25, 0.2, 0.75, 0.8] as const;
    const picture = await drawAnnotations(grey, {
      boxes: [
        { box, color: [0, 0, 255] },
        { box, color: [255, 0, 0] },
      ],
    });
    expect((await pixels(picture))(50, 50)).toEqual(BLUE);
  });

  it('marks keypoints and a COCO skeleton, hiding points under minScore and lines to them', async () => {
    const keypoints = Array.from({ length: 17 }, (_, i) => ({
      x: 0.1 + 0.05 * i,
      y: 0.5,
      score: i === 16 ? 0.1 : 0.9,
    }));
    const picture = await drawAnnotations(grey, {
      keypoints,
      skeleton: 'coco',
      minScore: 0.3,
      keypointColor: '#00ff00',
    });
    // 16 COCO limbs, one of which (14–16) touches the hidden ankle.
    expect(picture.drawn).toEqual({ boxes: 0, keypoints: 16, lines: 15, masks: 0 });
    const at = await pixels(picture);
    expect(at(20, 50)).toEqual(GREEN);
    // On the line from nose (x 20) to left eye (x 30), between the dots.
    expect(at(25, 50)).toEqual(GREEN);
    expect(at(180, 50)).toEqual(GREY);
    expect(at(20, 40)).toEqual(GREY);
  });

  it('colours each keypoint and edge its own way when asked', async () => {
    const picture = await drawAnnotations(grey, {
      keypoints: [
        { x: 0.1, y: 0.5, color: 'blue' },
        { x: 0.9, y: 0.5, color: 'blue' },
      ],
      skeleton: [[0, 1, [255, 0, 0]]],
    });
    const at = await pixels(picture);
    expect(at(100, 50)).toEqual(RED);
    expect(at(20, 50)).toEqual([0, 130, 200]);
  });

  it('tints under a mask, stretched to the image, and nowhere else', async () => {
    const values = Buffer.alloc(100 * 50);
    for (let y = 0; y < 50; y += 1) values.fill(255, y * 100, y * 100 + 50);
    const half = await sharp(values, { raw: { width: 100, height: 50, channels: 1 } })
      .png()
      .toBuffer();
    const picture = await drawAnnotations(grey, {
      masks: [
        { mask: half, color: '#0000ff', opacity: 1 },
        { mask: half, opacity: 0.5 },
      ],
    });
    expect(picture.drawn.masks).toBe(2);
    const at = await pixels(picture);
    // Blue at full strength, then halfway to the second palette colour.
    const [r, g, b] = paletteColour(1);
    expect(at(10, 10)).toEqual([Math.round(r / 2), Math.round(g / 2), Math.round((255 + b) / 2)]);
    expect(at(190, 90)).toEqual(GREY);
  });

  describe('on encoded input', () => {
    let png: Buffer;
    beforeAll(async () => {
      png = await sharp({ create: { width: 400, height: 100, channels: 3, background: '#808080' } })
        .png()
        .toBuffer();
    });

    it('shrinks to maxSide and encodes as asked', async () => {
      const picture = await drawAnnotations(
        png,
        { boxes: [{ box: [0, 0, 0.5, 1], label: 'left' }], maxSide: 200 },
        'jpeg',
      );
      expect(picture).toMatchObject({ mimeType: 'image/jpeg', width: 200, height: 50 });
      expect(await sharp(picture.data).metadata()).toMatchObject({ format: 'jpeg', width: 200, height: 50 });
    });

    it('refuses a colour that is no colour and an edge to no keypoint', async () => {
      await expect(drawAnnotations(png, { boxes: [{ box: [0, 0, 1, 1], color: 'nope' }] })).rejects.toThrow(
        /"nope" is not a colour/,
      );
      await expect(
        drawAnnotations(png, { keypoints: [{ x: 0, y: 0 }], skeleton: [[0, 1]] }),
      ).rejects.toMatchObject({ code: 'invalid_argument' });
    });
  });
});
