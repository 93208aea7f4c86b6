#!/usr/bin/env node
import { runSkill } from '@mmskills/skill-kit';
import { createSegmentSkill } from './skill.js';

await runSkill((flags) => createSegmentSkill({ model: flags.model as string | undefined }), {
  flags: {
    model: {
      type: 'string',
      env: 'MMSKILLS_SEGMENT_MODEL',
      description: 'TFJS model.json of an RVM or Selfie-style person segmentation model (default: RVM)',
    },
  },
});
