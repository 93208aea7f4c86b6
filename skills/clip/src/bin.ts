#!/usr/bin/env node
import { runSkill } from '@mmskills/skill-kit';
import { MODEL_ENV } from './pipeline/model-folder.js';
import { createClipSkill } from './skill.js';

await runSkill(
  (flags) => createClipSkill({ model: typeof flags.model === 'string' ? flags.model : undefined }),
  {
    flags: {
      model: {
        type: 'string',
        env: MODEL_ENV,
        description:
          'a catalogue name (clip-vit-base-patch32, siglip-base-patch16-224) or a CLIP/SigLIP model folder',
      },
    },
  },
);
