#!/usr/bin/env node
import { runSkill } from '@mmskills/skill-kit';
import { createDetectSkill } from './skill.js';

const text = (value: string | boolean | undefined) => (typeof value === 'string' ? value : undefined);

await runSkill((flags) => createDetectSkill({ model: text(flags.model), labels: text(flags.labels) }), {
  flags: {
    model: {
      type: 'string',
      env: 'MMSKILLS_DETECT_MODEL',
      description: 'a YOLO-format ONNX detector (v5 or v8/11 output) to use instead of CenterNet',
    },
    labels: {
      type: 'string',
      env: 'MMSKILLS_DETECT_LABELS',
      description: "the --model's class names, one per line (default: the 80 COCO names)",
    },
  },
});
