#!/usr/bin/env node
import { runSkill } from '@mmskills/skill-kit';
import { createSamSkill } from './skill.js';

await runSkill(
  (flags) => createSamSkill({ model: typeof flags.model === 'string' ? flags.model : undefined }),
  {
    flags: {
      model: {
        type: 'string',
        env: 'MMSKILLS_SAM_MODEL',
        description:
          'A SAM model: a catalogue name (slimsam-77-uniform, sam-vit-base, …) or a folder holding its files',
      },
    },
  },
);
