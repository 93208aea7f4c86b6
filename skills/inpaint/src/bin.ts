#!/usr/bin/env node
import { runSkill } from '@mmskills/skill-kit';
import { createInpaintSkill } from './skill.js';

await runSkill(
  (flags) =>
    createInpaintSkill({ model: typeof flags.model === 'string' && flags.model ? flags.model : undefined }),
  {
    flags: {
      model: {
        type: 'string',
        env: 'MMSKILLS_INPAINT_MODEL',
        description: 'a LaMa catalogue name (lama-fp32) or a folder holding a LaMa ONNX export',
      },
    },
  },
);
