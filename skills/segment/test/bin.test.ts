import { fileURLToPath } from 'node:url';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { describeSkillBin } from '@mmskills/skill-kit/testing';
import { expect } from 'vitest';

describeSkillBin({
  skill: 'segment',
  bin: tsxArgs(new URL('../src/bin.ts', import.meta.url)),
  env: { MMSKILLS_FILE_ROOTS: fileURLToPath(new URL('../../../', import.meta.url)) },
  tools: ['segment_people'],
  smoke: {
    title: 'segments the astronaut',
    tool: 'segment_people',
    arguments: () => ({ image: photoPath('astronaut') }),
    check: (result) => {
      const { coverage } = result.structuredContent as { coverage: number };
      expect(coverage).toBeGreaterThan(0.2);
      expect(coverage).toBeLessThan(0.8);
      // Each picture inline, then its full-size link (a 2025-11-25 client knows resource_link).
      expect(result.content.map((block) => block.type)).toEqual([
        'text',
        'image',
        'resource_link',
        'image',
        'resource_link',
      ]);
    },
  },
  healthModel: { name: 'rvm', source: 'package', backend: 'tfjs-wasm', loaded: false },
  checkHealth: (health) =>
    expect((health.model as { path: string }).path).toMatch(
      /@vladmandic[/\\]human-models[/\\]models[/\\]rvm\.json$/,
    ),
});
