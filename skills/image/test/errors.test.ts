import { pngClaiming } from '@mmskills/image/testing';
import { badImageCalls, describeRefusals } from '@mmskills/skill-kit/testing';
import { imageSkill } from '../src/index.js';
import { dataUri, ENV, quadrantsPng } from './pictures.js';

const png = await quadrantsPng();
const image = dataUri(png);
const huge = dataUri(await pngClaiming(20_000, 20_000));
const truncated = dataUri(png.subarray(0, Math.floor(png.length / 2)));

describeRefusals({
  skill: imageSkill,
  env: ENV,
  tool: 'image_info',
  cases: [...(await badImageCalls())],
  valid: { image },
});

describeRefusals({
  skill: imageSkill,
  env: ENV,
  tool: 'crop',
  cases: [
    [
      'a corrupt image',

      { image: dataUri(Buffer.from('definitely not a picture')), box: [0, 0, 1, 1] },
      /not in a supported format|corrupt/,
    ],
    ['a box that is not numbers', { image, box: 'top half' }, /\/box: /],
    [
      'a box outside 0..1',

      { image, box: [0, 0, 1.5, 1] },
      /\/box\/2: box coordinates are fractions of the image size, from 0 to 1/,
    ],
    ['x2 < x1', { image, box: [0.6, 0, 0.4, 1] }, /box has no width: x2 must be greater than x1/],
    ['a zero-size crop', { image, box: [0.5, 0.5, 0.5, 0.5] }, /box has no width/],
    ['negative padding', { image, box: [0, 0, 1, 1], padding: -1 }, /\/padding: /],
  ],
  valid: { image, box: [0, 0, 1, 1] },
});

describeRefusals({
  skill: imageSkill,
  env: ENV,
  tool: 'zoom_in',
  cases: [
    [
      'a box under one pixel wide',

      { image, box: [0.5, 0.5, 0.505, 0.9] },
      /box \[0\.5, 0\.5, 0\.505, 0\.9\] covers 0\.5×20 pixels of the 100×50 image, less than one pixel/,
    ],
    [
      'a box outside 0..1',

      { image, box: [-0.2, 0, 0.5, 1] },
      /\/box\/0: box coordinates are fractions of the image size, from 0 to 1/,
    ],
    ['y2 < y1', { image, box: [0, 0.8, 1, 0.2] }, /box has no height: y2 must be greater than y1/],
    ['three numbers for a box', { image, box: [0, 0, 1] }, /\/box: /],
    [
      'padding over 1',
      { image, box: [0, 0, 1, 1], padding: 2 },
      /padding is a fraction of the box size, from 0 to 1/,
    ],
    [
      'a target_side over 2048',
      { image, box: [0, 0, 1, 1], target_side: 4096 },
      /target_side is from 64 to 2048/,
    ],
    ['a 20000×20000 header', { image: huge, box: [0, 0, 1, 1] }, /20000×20000.*over the 40\.0 MP limit/],
  ],
  valid: { image, box: [0.25, 0.25, 0.75, 0.75] },
});

describeRefusals({
  skill: imageSkill,
  env: ENV,
  tool: 'resize',
  cases: [
    ['a 20000×20000 header', { image: huge, width: 10 }, /20000×20000.*over the 40\.0 MP limit/],
    ['a resize over 8192 a side', { image, width: 9000 }, /sizes are at most 8192 pixels per side/],
    [
      'a resize whose other side grows over 8192',

      { image, height: 8000 },
      /gives 16000×8000, over the limit of 8192 pixels per side/,
    ],
    ['a resize with no size', { image }, /give width, height or both/],
  ],
  valid: { image, width: 10 },
});

describeRefusals({
  skill: imageSkill,
  env: ENV,
  tool: 'rotate',
  cases: [
    ['a truncated PNG', { image: truncated, degrees: 90 }, /corrupt or truncated/],
    ['degrees as text', { image, degrees: 'ninety' }, /\/degrees: /],
    [
      'an unknown colour',

      { image, degrees: 10, background: 'javascript:alert(1)' },
      /colour must be #rgb, #rrggbb or one of/,
    ],
  ],
  valid: { image, degrees: 90 },
});

describeRefusals({
  skill: imageSkill,
  env: ENV,
  tool: 'annotate',
  cases: [
    [
      'a malformed mask image',

      { image, masks: [{ mask: dataUri(Buffer.from('<svg/>')) }] },
      /^masks\[0\]\.mask: image is not in a supported format/,
    ],
    [
      'a skeleton edge to no keypoint',

      { image, keypoints: [{ x: 0.1, y: 0.1 }], skeleton: [[0, 3]] },
      /skeleton edge \[0, 3\] names a keypoint that does not exist/,
    ],
    [
      'a COCO skeleton on 5 keypoints',

      { image, keypoints: Array(5).fill({ x: 0, y: 0 }), skeleton: 'coco' },
      /needs 17 keypoints per person, but 5 were given/,
    ],
    [
      'a keypoint outside the image',

      { image, keypoints: [{ x: 2, y: 0 }] },
      /keypoint coordinates are fractions/,
    ],
  ],
  valid: { image, boxes: [{ box: [0, 0, 0.5, 0.5] }] },
});

describeRefusals({
  skill: imageSkill,
  env: ENV,
  tool: 'blur_regions',
  cases: [
    ['no boxes to blur', { image, boxes: [] }, /give at least one box to blur/],
    [
      'a blur box outside 0..1',

      { image, boxes: [[-0.1, 0, 0.5, 0.5]] },
      /\/boxes\/0\/0: box coordinates are fractions/,
    ],
  ],
  valid: { image, boxes: [[0, 0, 0.5, 0.5]] },
});
