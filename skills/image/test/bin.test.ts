import { tsxArgs } from '@mmskills/core/testing';
import { describeSkillBin } from '@mmskills/skill-kit/testing';
import { expect } from 'vitest';
import { dataUri, quadrantsPng } from './pictures.js';

describeSkillBin({
  skill: 'image',
  bin: tsxArgs(new URL('../src/bin.ts', import.meta.url)),
  tools: ['image_info', 'crop', 'zoom_in', 'resize', 'rotate', 'annotate', 'blur_regions'],
  smoke: {
    title: 'crops a picture',
    tool: 'crop',
    arguments: async () => ({ image: dataUri(await quadrantsPng()), box: [0.5, 0.5, 1, 1] }),
    check: (result) =>
      expect(result.structuredContent).toMatchObject({
        width: 50,
        height: 25,
        box_pixels: [50, 25, 100, 50],
      }),
  },
  healthModel: { source: 'none', backend: 'sharp' },
});
