#!/usr/bin/env node
import { runSkill } from '@mmskills/skill-kit';
import { createGroundSkill } from './skill.js';

await runSkill(
  (flags) =>
    createGroundSkill(typeof flags.model === 'string' && flags.model !== '' ? { model: flags.model } : {}),
  {
    flags: {
      model: {
        type: 'string',
        env: 'MMSKILLS_GROUND_MODEL',
        description:
          'a ground model from the catalogue (owlv2-base-patch16-ensemble, owlvit-base-patch32, grounding-dino-tiny) or a folder holding one',
      },
    },
  },
);
