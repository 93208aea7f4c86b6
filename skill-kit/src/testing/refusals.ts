import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SkillDefinition } from '../skill/define-skill.js';
import type { BadCall } from './bad-images.js';
import { connectInMemory, textOf } from './in-memory.js';

/** A skill, one of its tools, calls it must refuse, and a good call that must still work after each. */
export interface RefusalSpec {
  skill: SkillDefinition;
  env?: NodeJS.ProcessEnv;
  tool: string;
  cases: BadCall[];
  /** Arguments of a call that succeeds: proof the skill keeps serving after each refusal. */
  valid: Record<string, unknown>;
}

/**
 * Every bad call gives an `isError` result whose text matches its message, and the next good
 * call still succeeds (one in-memory client for all cases, so state would leak if it could).
 */
export function describeRefusals(spec: RefusalSpec): void {
  describe(`${spec.tool} refuses bad input and keeps serving`, () => {
    let client: Client;

    beforeAll(async () => {
      client = await connectInMemory(spec.skill, spec.env);
    });

    afterAll(async () => {
      await client.close();
    });

    it.each(spec.cases)('%s', async (_title, args, message) => {
      const result = await client.callTool({ name: spec.tool, arguments: args });
      expect(result.isError, JSON.stringify(result.content).slice(0, 300)).toBe(true);
      expect(textOf(result)).toMatch(message);
      // A refused argument is the caller's fault; it must not read as a server failure.
      expect(textOf(result)).not.toMatch(/failed on the server/);
      const after = await client.callTool({ name: spec.tool, arguments: spec.valid });
      expect(after.isError, textOf(after)).toBeFalsy();
    });
  });
}
