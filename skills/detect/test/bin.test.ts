import { fileURLToPath } from 'node:url';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { describeSkillBin } from '@mmskills/skill-kit/testing';
import { expect } from 'vitest';

describeSkillBin({
  skill: 'detect',
  bin: tsxArgs(new URL('../src/bin.ts', import.meta.url)),
  env: {
    MMSKILLS_FILE_ROOTS: fileURLToPath(new URL('../../../', import.meta.url)),
    MMSKILLS_DETECT_MODEL: '',
    MMSKILLS_DETECT_LABELS: '',
  },
  tools: ['detect_objects'],
  smoke: {
    title: 'finds the cup in coffee',
    tool: 'detect_objects',
    arguments: () => ({ image: photoPath('coffee') }),
    check: (result) => {
      const { objects } = result.structuredContent as { objects: Array<{ label: string }> };
      expect(objects[0]?.label).toBe('cup');
    },
  },
  healthModel: { name: 'centernet', source: 'package', backend: 'tfjs-wasm', loaded: false },
});
