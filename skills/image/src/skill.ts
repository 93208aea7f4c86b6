import { defineSkill, type SkillDefinition } from '@mmskills/skill-kit';
import { icon } from './icons.js';
import { annotate } from './tools/annotate.js';
import { blurRegions } from './tools/blur-regions.js';
import { crop } from './tools/crop.js';
import { imageInfo } from './tools/image-info.js';
import { resize } from './tools/resize.js';
import { rotate } from './tools/rotate.js';
import { zoomIn } from './tools/zoom-in.js';

/**
 * The image skill: exact picture operations on sharp, no model. Each call is independent, so
 * calls run two at a time.
 * @see ../README.md
 */
export const imageSkill: SkillDefinition = defineSkill({
  name: 'image',
  title: 'Image tools',
  description:
    'Image info, crop, zoom in, resize, rotate, blur regions, and drawing boxes, keypoints and masks.',
  version: '0.1.0',
  packageName: '@mmskills/skill-image',
  icons: icon('image'),
  tools: [imageInfo, crop, zoomIn, resize, rotate, annotate, blurRegions],
  model: () => ({ name: 'none', source: 'none', backend: 'sharp', loaded: true }),
  concurrency: 2,
});
