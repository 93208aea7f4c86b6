#!/usr/bin/env node
import { runSkill } from '@mmskills/skill-kit';
import { createFaceSkill } from './skill.js';

await runSkill(
  (flags) => createFaceSkill({ model: typeof flags.model === 'string' ? flags.model : undefined }),
  {
    flags: {
      model: {
        type: 'string',
        env: 'MMSKILLS_FACE_MODEL',
        description: 'BlazeFace model.json to use instead of the shipped one',
      },
    },
  },
);
