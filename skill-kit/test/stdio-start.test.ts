import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsxArgs } from '@mmskills/core/testing';
import { describe, expect, it, vi } from 'vitest';
import { connectStdio } from '../src/testing/skill-process.js';

const logModules = fileURLToPath(new URL('./fixtures/log-modules.mjs', import.meta.url));
const bin = tsxArgs(new URL('./fixtures/barrel-skill-bin.ts', import.meta.url));

// Issue 21: a skill's start is mostly its imports. Over stdio (how a host or the CLI starts every
// skill) it needs neither the HTTP stack (Hono and its Node server load under --http only), nor ajv
// (core checks manifests with it, never at a skill's start), nor the MCP schemas a second time from
// SDK 1.x. A list of modules, not a timing: bench/skill-start.ts measures the time.
const NOT_BEFORE_HANDSHAKE = /\/node_modules\/(hono|@hono\/node-server|ajv|@modelcontextprotocol\/sdk)\//;

describe('a skill bin over stdio', () => {
  it('answers initialize without loading Hono, ajv or SDK 1.x', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skill-kit-modules-'));
    const file = join(dir, 'modules.txt');
    try {
      const client = await connectStdio(['--import', logModules, ...bin], {
        ...process.env,
        MMSKILLS_LOG_LEVEL: 'error',
        MMSKILLS_MODULE_LOG: file,
      });
      expect(client.getServerVersion()?.name).toBe('demo');
      await client.close();
      const loaded = await vi.waitFor(() => {
        const lines = readFileSync(file, 'utf8').split('\n');
        if (!lines.includes('exit')) throw new Error('the skill has not exited yet');
        return lines;
      });
      // The log itself works: zod and the MCP server are on it.
      expect(loaded.some((path) => path.includes('/node_modules/zod/'))).toBe(true);
      expect(loaded.some((path) => path.includes('/node_modules/@modelcontextprotocol/server/'))).toBe(true);
      expect(loaded.filter((path) => NOT_BEFORE_HANDSHAKE.test(path))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
