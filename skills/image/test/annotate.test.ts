import { photoPath } from '@mmskills/core/testing';
import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageSkill } from '../src/index.js';
import { dataUri, ENV, pixelsOf } from './pictures.js';

const GREY = [128, 128, 128];

describe('annotate', () => {
  let client: Client;
  let grey: string;
  beforeAll(async () => {
    client = await connectInMemory(imageSkill, ENV);
    const png = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    grey = dataUri(png);
  });

  async function draw(args: Record<string, unknown>) {
    const result = await client.callTool({ name: 'annotate', arguments: { image: grey, ...args } });
    expect(result.isError, textOf(result)).toBeFalsy();
    return { result, picture: await pixelsOf(imageBlocks(result)[0]?.data ?? Buffer.alloc(0)) };
  }

  it('draws the box edge in its colour on the edge pixels and leaves the inside untouched', async () => {
    const { result, picture } = await draw({ boxes: [{ box: [0.25, 0.2, 0.75, 0.8], color: '#ff0000' }] });
    expect(result.structuredContent).toEqual({
      width: 200,
      height: 100,
      boxes: 1,
      keypoints: 0,
      lines: 0,
      masks: 0,
    });
    // Box pixels [50, 20, 150, 80); a 2-pixel line inside the edge.
    for (const [x, y] of [
      [50, 50],
      [51, 50],
      [149, 50],
      [100, 20],
      [100, 79],
    ] as const) {
      expect(picture.at(x, y), `(${x}, ${y})`).toEqual([255, 0, 0]);
    }
    for (const [x, y] of [
      [100, 50],
      [52, 50],
      [49, 50],
      [150, 50],
      [100, 19],
      [100, 81],
    ] as const) {
      expect(picture.at(x, y), `(${x}, ${y})`).toEqual(GREY);
    }
  });

  it('takes detect_objects output as it is: labels with scores, one colour per label, XML in labels escaped', async () => {
    const objects = [
      { label: 'person', score: 0.931, box: [0.1, 0.3, 0.4, 0.9] },
      { label: 'person', score: 0.5, box: [0.5, 0.3, 0.6, 0.9] },
      { label: '<cup> & "saucer"', score: 0.71, box: [0.7, 0.5, 0.9, 0.9] },
    ];
    const { result, picture } = await draw({ boxes: objects });
    expect(result.structuredContent).toMatchObject({ boxes: 3 });
    const left = picture.at(20, 60);
    expect(left).not.toEqual(GREY);
    expect(picture.at(100, 60)).toEqual(left);
    expect(picture.at(140, 80)).not.toEqual(left);
    // The caption sits on a filled band above the box.
    expect(picture.at(21, 27)).not.toEqual(GREY);
  });

  it('takes detect_faces output with extra fields (landmarks) as it is', async () => {
    const faces = [{ box: [0.4, 0.1, 0.6, 0.5], score: 0.98, landmarks: [{ name: 'nose', x: 0.5, y: 0.3 }] }];
    const { result } = await draw({ boxes: faces });
    expect(result.structuredContent).toMatchObject({ boxes: 1 });
  });

  it('draws keypoints and a COCO skeleton, skipping points under min_score', async () => {
    const keypoints = Array.from({ length: 17 }, (_, i) => ({
      name: `k${i}`,
      x: 0.1 + 0.05 * i,
      y: 0.5,
      score: i === 16 ? 0.1 : 0.9,
    }));
    const { result, picture } = await draw({
      keypoints,
      skeleton: 'coco',
      min_score: 0.3,
      keypoint_color: '#00ff00',
    });
    // 16 COCO limbs, one of which (14–16) touches the hidden ankle.
    expect(result.structuredContent).toMatchObject({ keypoints: 16, lines: 15 });
    expect(picture.at(20, 50)).toEqual([0, 255, 0]);
    expect(picture.at(180, 50)).toEqual(GREY);
  });

  it('tints under a mask and nowhere else', async () => {
    const values = Buffer.alloc(100 * 50);
    for (let y = 0; y < 50; y += 1) values.fill(255, y * 100, y * 100 + 50);
    const half = await sharp(values, { raw: { width: 100, height: 50, channels: 1 } })
      .png()
      .toBuffer();
    const { result, picture } = await draw({
      masks: [{ mask: dataUri(half), color: '#0000ff', opacity: 1 }],
    });
    expect(result.structuredContent).toMatchObject({ masks: 1 });
    // The 100×50 mask is stretched to 200×100: its white left half covers x < 100.
    expect(picture.at(10, 10)).toEqual([0, 0, 255]);
    expect(picture.at(190, 90)).toEqual(GREY);
  });

  it('annotates the astronaut photo', async () => {
    const result = await client.callTool({
      name: 'annotate',
      arguments: {
        image: photoPath('astronaut'),
        boxes: [{ label: 'person', score: 0.9, box: [0.05, 0.03, 0.7, 1] }],
      },
    });
    expect(result.structuredContent).toMatchObject({ width: 512, height: 512, boxes: 1 });
    expect(imageBlocks(result)[0]?.mimeType).toBe('image/png');
  });
});
