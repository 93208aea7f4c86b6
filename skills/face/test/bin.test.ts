import { fileURLToPath } from 'node:url';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { describeSkillBin } from '@mmskills/skill-kit/testing';
import { expect } from 'vitest';

describeSkillBin({
  skill: 'face',
  bin: tsxArgs(new URL('../src/bin.ts', import.meta.url)),
  env: { MMSKILLS_FILE_ROOTS: fileURLToPath(new URL('../../../', import.meta.url)) },
  tools: ['detect_faces'],
  smoke: {
    title: 'finds the astronaut',
    tool: 'detect_faces',
    arguments: () => ({ image: photoPath('astronaut') }),
    check: (result) => expect((result.structuredContent as { faces: unknown[] }).faces).toHaveLength(1),
  },
  healthModel: { name: 'BlazeFace', source: 'package', backend: 'tfjs-wasm', loaded: false },
});
