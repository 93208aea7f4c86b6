import { readFileSync } from 'node:fs';
import type { BuiltinSkill } from '@mmskills/core';
import { type SkillHttpProcess, spawnSkillHttp } from '@mmskills/skill-kit/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CASES, caseImage, type Prepared, prepareCase } from '../eras/cases.js';

/**
 * The skills whose models an idle skill lets go (SkillDefinition.unload). `real` ones run their
 * shipped weights, whose memory is large enough to see go; the others run their tiny test models.
 */
// glibc keeps what onnxruntime frees in its heap for reuse unless large blocks are mmapped, so the
// OCR skill's unload showed in its RSS only now and then (3-15 MiB). With a fixed mmap threshold
// freed model memory leaves the process, so the RSS shows whether the skill released it. (Not the
// host's default for its skills: measured here it made OCR's runs ~12% slower.)
const GIVES_MEMORY_BACK = { MALLOC_MMAP_THRESHOLD_: '131072' };
const UNLOADING: Array<{ skill: BuiltinSkill; real: boolean }> = [
  { skill: 'ocr', real: true },
  { skill: 'detect', real: true },
  { skill: 'face', real: true },
  { skill: 'pose', real: true },
  { skill: 'segment', real: true },
  { skill: 'ground', real: false },
  { skill: 'sam', real: false },
  { skill: 'caption', real: false },
  { skill: 'clip', real: false },
  { skill: 'inpaint', real: false },
];

interface Health {
  model: { loaded: boolean };
  idleUnload: { afterS: number | null; unloads: number };
}

/** VmRSS (now) or VmHWM (the peak, which a slow machine cannot miss) of a process, in MiB. */
const memoryMiB = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) /
  1024;

// What a result says apart from the links to the pictures it made, which are new on every call.
const withoutLinks = (result: CallToolResult) =>
  JSON.stringify(result.structuredContent).replace(/"[a-z]+:\/\/[^"]*"/g, '"…"');

describe('a skill bin with MMSKILLS_IDLE_UNLOAD, for each skill with a model', () => {
  const started: Array<{ server: SkillHttpProcess; client: Client; prepared: Prepared }> = [];
  afterAll(async () => {
    for (const { server, client, prepared } of started) {
      await client.close();
      await server.stop();
      await prepared.cleanup();
    }
  });

  it.each(UNLOADING)(
    '$skill unloads after the idle time, says so on /health, and answers the same on the next call',
    async ({ skill, real }) => {
      const spec = CASES[skill];
      const prepared = await prepareCase(spec);
      const server = await spawnSkillHttp(spec.bin, {
        ...prepared.env,
        ...(real && GIVES_MEMORY_BACK),
        MMSKILLS_IDLE_UNLOAD: '2',
      });
      const client = new Client({ name: 'idle-unload', version: '0' });
      started.push({ server, client, prepared });
      await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
      const health = async () =>
        (await (await fetch(server.url.replace(/\/mcp$/, '/health'))).json()) as Health;
      const call = async () => {
        const result = (await client.callTool(
          { name: spec.tool, arguments: { image: await caseImage(spec), ...spec.extra } },
          undefined,
          { timeout: 120_000 },
        )) as CallToolResult;
        expect(result.isError, JSON.stringify(result.content).slice(0, 300)).toBeFalsy();
        spec.check(result.structuredContent as Record<string, unknown>);
        return result;
      };

      const first = await call();
      const pid = server.child.pid ?? 0;
      // Idle with its model loaded (the unload is 2 s away): what the unload must give back from.
      const loadedMiB = memoryMiB(pid, 'VmRSS');
      await vi.waitFor(async () => expect((await health()).idleUnload.unloads).toBe(1), {
        timeout: 60_000,
        interval: 200,
      });
      expect(await health()).toMatchObject({ model: { loaded: false }, idleUnload: { afterS: 2 } });
      // The shipped models' weights and the memory their runs grew (tfjs's wasm heap) go back.
      if (real) expect(memoryMiB(pid, 'VmRSS')).toBeLessThan(loadedMiB - 8);

      const second = await call();
      expect(withoutLinks(second)).toBe(withoutLinks(first));
      expect((await health()).model.loaded).toBe(true);
    },
    180_000,
  );
});
