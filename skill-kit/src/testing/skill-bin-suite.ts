import { validateSkillManifest } from '@mmskills/core';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStdio, readManifest, type SkillHttpProcess, spawnSkillHttp } from './skill-process.js';

/** What one skill's bin must do; every built-in skill runs the same suite with its own facts. */
export interface SkillBinSpec {
  /** The skill's short name, e.g. `face`: server name `face`, package `@mmskills/skill-face`. */
  skill: string;
  /** `node` arguments that run the bin (see `tsxArgs`). */
  bin: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Extra bin arguments for the `--http` run (e.g. a user model flag). */
  httpArgs?: readonly string[];
  /** The tool names, in the order tools/list gives them. */
  tools: readonly string[];
  /** One real call over stdio and what its result must show. */
  smoke: {
    title: string;
    tool: string;
    arguments: () => Promise<Record<string, unknown>> | Record<string, unknown>;
    check: (result: CallToolResult) => void;
    timeoutMs?: number;
  };
  /** What `/health` says about the model before the first call (a partial match). */
  healthModel: Record<string, unknown>;
  /** Further checks on the `/health` body. */
  checkHealth?: (health: Record<string, unknown>) => void;
}

/**
 * The skill-bin contract: stdio handshake and a real call, `--http` with `/health`, and
 * `--manifest` printing a valid server.json and tool list.
 */
export function describeSkillBin(spec: SkillBinSpec): void {
  const env = { ...process.env, MMSKILLS_LOG_LEVEL: 'warn', ...spec.env };

  describe(`mmskills-${spec.skill} over stdio`, () => {
    it(
      `handshakes, lists its tools and ${spec.smoke.title}`,
      async () => {
        const client = await connectStdio(spec.bin, env);
        try {
          expect(client.getServerVersion()).toMatchObject({ name: spec.skill, version: '0.1.0' });
          expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(spec.tools);
          const result = await client.callTool({
            name: spec.smoke.tool,
            arguments: await spec.smoke.arguments(),
          });
          expect(result.isError, JSON.stringify(result.content).slice(0, 300)).toBeFalsy();
          spec.smoke.check(result as CallToolResult);
        } finally {
          await client.close();
        }
      },
      spec.smoke.timeoutMs ?? 120_000,
    );
  });

  describe(`mmskills-${spec.skill} --http`, () => {
    let server: SkillHttpProcess;

    beforeAll(async () => {
      server = await spawnSkillHttp([...spec.bin, ...(spec.httpArgs ?? [])], env);
    });

    afterAll(async () => {
      await server?.stop();
    });

    it('answers /health with the skill, its tools and its model, not loaded before the first call', async () => {
      const response = await fetch(server.url.replace(/\/mcp$/, '/health'));
      expect(response.status).toBe(200);
      const health = (await response.json()) as Record<string, unknown>;
      expect(health).toMatchObject({
        status: 'ok',
        name: spec.skill,
        version: '0.1.0',
        tools: spec.tools,
        model: spec.healthModel,
      });
      spec.checkHealth?.(health);
    });
  });

  describe(`mmskills-${spec.skill} --manifest`, () => {
    it('prints a valid server.json and tool list', async () => {
      const manifest = await readManifest(spec.bin, env);
      const checked = validateSkillManifest(manifest);
      expect(checked.ok ? [] : checked.issues).toEqual([]);
      expect(manifest.server).toMatchObject({
        name: `io.github.mmskills/${spec.skill}`,
        version: '0.1.0',
        packages: [
          {
            registryType: 'npm',
            identifier: `@mmskills/skill-${spec.skill}`,
            transport: { type: 'stdio' },
          },
        ],
      });
      expect(manifest.tools.map((tool) => tool.name)).toEqual(spec.tools);
    });
  });
}
