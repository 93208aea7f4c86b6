import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { badImageCalls, describeRefusals } from '@mmskills/skill-kit/testing';
import sharp from 'sharp';
import { createInpaintSkill } from '../src/index.js';
import { writeTinyLama } from './fixtures/lama-models.js';
import { dataUri, maskPng, scene } from './pictures.js';

const modelDir = writeTinyLama(mkdtempSync(join(tmpdir(), 'mmskills-inpaint-')));
const repoRoot = new URL('../../../', import.meta.url).pathname;
const photo = await scene(200, 150, '#3366cc', [
  { left: 60, top: 40, width: 40, height: 40, colour: '#ff0000' },
]);
const image = dataUri(photo.png);
const box = [0.3, 0.25, 0.5, 0.55];
const mask = (bytes: Buffer) => ({ image, mask: dataUri(bytes) });

const black = await maskPng(200, 150, []);
const withAlpha = await sharp({ create: { width: 200, height: 150, channels: 4, background: '#ffffff00' } })
  .png()
  .toBuffer();
// Half grey, half white: not colourful, yet half its pixels are neither black nor white.
const grey = (
  await scene(200, 150, '#808080', [{ left: 0, top: 0, width: 200, height: 75, colour: '#ffffff' }])
).png;

describeRefusals({
  skill: createInpaintSkill({ model: modelDir }),
  env: { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot },
  tool: 'remove_object',
  cases: [
    ...(await badImageCalls({ boxes: [box] })),
    ['neither a mask nor boxes', { image }, /say what to remove: give a mask, or boxes, or both/],
    ['an empty list of boxes and no mask', { image, boxes: [] }, /say what to remove/],
    ['an all-black mask', mask(black), /mask is empty: it has no white pixels/],
    [
      'a mask that is no picture',
      mask(Buffer.from('not a mask')),
      /^mask: image is not in a supported format/,
    ],
    [
      'a truncated mask',
      mask(black.subarray(0, black.length / 2)),
      /^mask: png image data is corrupt or truncated/,
    ],
    [
      'a mask outside the allowed roots',
      { image, mask: '/etc/hostname' },
      /^mask: .*(outside|not allowed|roots)/i,
    ],
    ['a mask with transparency (a cut-out)', mask(withAlpha), /mask has an alpha channel/],
    [
      'the photo itself as the mask',
      mask(photo.png),
      /mask is not black and white: 100% of its pixels are colours/,
    ],
    ['a mid-grey mask', mask(grey), /mask is not black and white: 50% of its pixels/],
    [
      'a mask of another shape',
      mask(await maskPng(100, 100, [])),
      /mask is 100×100 but the image is 200×150: their shapes differ/,
    ],
    [
      'a box with x1 > x2',
      { image, boxes: [[0.5, 0.2, 0.3, 0.4]] },
      /\/boxes\/0: a box needs x1 < x2 and y1 < y2/,
    ],
    ['a box outside 0..1', { image, boxes: [[0.5, 0.2, 1.3, 0.4]] }, /\/boxes\/0\/2/],
    ['a negative dilate', { image, boxes: [box], dilate: -1 }, /\/dilate/],
    ['a feather that is not a number', { image, boxes: [box], feather: 'soft' }, /\/feather/],
    ['a mask that is a number', { image, mask: 7 }, /\/mask: .*string/i],
  ],
  valid: { image, boxes: [box] },
});
