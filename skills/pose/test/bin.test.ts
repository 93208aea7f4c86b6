import { fileURLToPath } from 'node:url';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { describeSkillBin } from '@mmskills/skill-kit/testing';
import { expect } from 'vitest';

describeSkillBin({
  skill: 'pose',
  bin: tsxArgs(new URL('../src/bin.ts', import.meta.url)),
  env: { MMSKILLS_FILE_ROOTS: fileURLToPath(new URL('../../../', import.meta.url)) },
  tools: ['detect_pose'],
  smoke: {
    title: 'finds the astronaut',
    tool: 'detect_pose',
    arguments: () => ({ image: photoPath('astronaut') }),
    check: (result) => expect((result.structuredContent as { people: unknown[] }).people).toHaveLength(1),
  },
  healthModel: {
    name: 'MoveNet MultiPose Lightning',
    source: 'package',
    backend: 'tfjs-wasm',
    loaded: false,
  },
});
