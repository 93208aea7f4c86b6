import { connectInMemory, photoPath, pngClaiming, textOf } from '@mmskills/core/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageSkill } from '../src/index.js';
import { dataUri, ENV, quadrantsPng } from './pictures.js';

const png = await quadrantsPng();
const image = dataUri(png);
const huge = dataUri(await pngClaiming(20_000, 20_000));
const truncated = dataUri(png.subarray(0, Math.floor(png.length / 2)));

const cases: Array<[string, string, Record<string, unknown>, RegExp]> = [
  ['a zero-byte image', 'image_info', { image: 'data:image/png;base64,' }, /empty/i],
  [
    'a corrupt image',
    'crop',
    { image: dataUri(Buffer.from('definitely not a picture')), box: [0, 0, 1, 1] },
    /not in a supported format|corrupt/,
  ],
  ['a truncated PNG', 'rotate', { image: truncated, degrees: 90 }, /corrupt or truncated/],
  ['a 20000×20000 header', 'resize', { image: huge, width: 10 }, /20000×20000.*over the 40\.0 MP limit/],
  [
    'a missing file',
    'image_info',
    { image: `${photoPath('astronaut')}.missing` },
    /not found|no such|does not exist/i,
  ],
  ['a file outside the roots', 'image_info', { image: '/etc/hostname' }, /outside|not allowed|roots/i],
  ['an image that is not a string', 'image_info', { image: 42 }, /\/image: .*string/i],
  ['a box that is not numbers', 'crop', { image, box: 'top half' }, /\/box: /],
  [
    'a box outside 0..1',
    'crop',
    { image, box: [0, 0, 1.5, 1] },
    /\/box\/2: box coordinates are fractions of the image size, from 0 to 1/,
  ],
  ['x2 < x1', 'crop', { image, box: [0.6, 0, 0.4, 1] }, /box has no width: x2 must be greater than x1/],
  ['a zero-size crop', 'crop', { image, box: [0.5, 0.5, 0.5, 0.5] }, /box has no width/],
  ['negative padding', 'crop', { image, box: [0, 0, 1, 1], padding: -1 }, /\/padding: /],
  ['a resize over 8192 a side', 'resize', { image, width: 9000 }, /sizes are at most 8192 pixels per side/],
  [
    'a resize whose other side grows over 8192',
    'resize',
    { image, height: 8000 },
    /gives 16000×8000, over the limit of 8192 pixels per side/,
  ],
  ['a resize with no size', 'resize', { image }, /give width, height or both/],
  ['degrees as text', 'rotate', { image, degrees: 'ninety' }, /\/degrees: /],
  [
    'an unknown colour',
    'rotate',
    { image, degrees: 10, background: 'javascript:alert(1)' },
    /colour must be #rgb, #rrggbb or one of/,
  ],
  [
    'a malformed mask image',
    'annotate',
    { image, masks: [{ mask: dataUri(Buffer.from('<svg/>')) }] },
    /^masks\[0\]\.mask: image is not in a supported format/,
  ],
  [
    'a skeleton edge to no keypoint',
    'annotate',
    { image, keypoints: [{ x: 0.1, y: 0.1 }], skeleton: [[0, 3]] },
    /skeleton edge \[0, 3\] names a keypoint that does not exist/,
  ],
  [
    'a COCO skeleton on 5 keypoints',
    'annotate',
    { image, keypoints: Array(5).fill({ x: 0, y: 0 }), skeleton: 'coco' },
    /needs 17 keypoints per person, but 5 were given/,
  ],
  [
    'a keypoint outside the image',
    'annotate',
    { image, keypoints: [{ x: 2, y: 0 }] },
    /keypoint coordinates are fractions/,
  ],
  ['no boxes to blur', 'blur_regions', { image, boxes: [] }, /give at least one box to blur/],
  [
    'a blur box outside 0..1',
    'blur_regions',
    { image, boxes: [[-0.1, 0, 0.5, 0.5]] },
    /\/boxes\/0\/0: box coordinates are fractions/,
  ],
];

describe('bad input answers isError with a clear message, and the server keeps serving', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectInMemory(imageSkill, ENV);
  });

  it.each(cases)('%s (%s)', async (_what, name, args, message) => {
    const result = await client.callTool({ name, arguments: args });
    expect(result.isError, textOf(result)).toBe(true);
    expect(textOf(result)).toMatch(message);
    const after = await client.callTool({ name: 'image_info', arguments: { image } });
    expect(after.structuredContent).toMatchObject({ width: 100, height: 50 });
  });
});
