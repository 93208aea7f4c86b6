import { BUILTIN_SKILLS } from '@mmskills/core';
import { expectModernRefusals } from '@mmskills/core/testing';
import { spawnSkillHttp } from '@mmskills/skill-kit/testing';
import { describe, it } from 'vitest';
import { CASES } from './cases.js';

describe.each(BUILTIN_SKILLS)('mmskills-%s over HTTP, to a malformed 2026-07-28 request', (skill) => {
  it('refuses a missing or wrong Mcp-Method and an unknown version, and answers a good one', async () => {
    const spec = CASES[skill];
    const http = await spawnSkillHttp(spec.bin, spec.env);
    try {
      await expectModernRefusals(fetch, http.url);
    } finally {
      await http.stop();
    }
  }, 60_000);
});
