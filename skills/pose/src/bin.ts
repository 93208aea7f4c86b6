#!/usr/bin/env node
import { runSkill } from '@mmskills/skill-kit';
import { createPoseSkill } from './skill.js';

await runSkill(
  (flags) => createPoseSkill({ model: typeof flags.model === 'string' ? flags.model : undefined }),
  {
    flags: {
      model: {
        type: 'string',
        env: 'MMSKILLS_POSE_MODEL',
        description: 'MoveNet model.json (multi-pose or single-pose) to use instead of the shipped one',
      },
    },
  },
);
