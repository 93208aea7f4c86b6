#!/usr/bin/env node
import { runSkill } from '@mmskills/skill-kit';
import { createCaptionSkill } from './skill.js';

await runSkill(
  (flags) => createCaptionSkill({ ...(typeof flags.model === 'string' && { model: flags.model }) }),
  {
    flags: {
      model: {
        type: 'string',
        env: 'MMSKILLS_CAPTION_MODEL',
        description:
          'a Florence-2 catalogue name (see `mmskills model list`) or a folder holding a Florence-2 ONNX export',
      },
    },
  },
);
