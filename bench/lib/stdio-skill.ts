import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Which build of a skill bin to run: `dist/bin.js` when built, else `src/bin.ts` through tsx. */
export type SkillEntry = 'dist' | 'source';

/** A built-in skill's bin running as a child process, with an MCP client connected over stdio. */
export interface SkillProcess {
  client: Client;
  pid: number;
  entry: SkillEntry;
  /** With `dist`: whether a file under `src/` is newer than the newest under `dist/` (a stale build). */
  distOlderThanSource?: boolean;
  args: string[];
  /** Milliseconds from spawn to the end of the initialize handshake. */
  handshakeMs: number;
  /** Calls a tool and fails on an MCP error result, with the skill's message. */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** The last few KiB the skill wrote to stderr. */
  stderrTail(): string;
  close(): Promise<void>;
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function binArgs(skill: string, prefer: SkillEntry | 'auto'): { entry: SkillEntry; args: string[] } {
  const dist = `${REPO_ROOT}skills/${skill}/dist/bin.js`;
  if (prefer === 'dist' || (prefer === 'auto' && existsSync(dist))) return { entry: 'dist', args: [dist] };
  const source = `${REPO_ROOT}skills/${skill}/src/bin.ts`;
  return { entry: 'source', args: ['--conditions=@mmskills/source', '--import', 'tsx', source] };
}

function newestMtime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { recursive: true, encoding: 'utf8' }).map(
      (file) => statSync(join(dir, file)).mtimeMs,
    ),
  );
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Spawns `skills/<skill>`'s bin over stdio and completes the MCP initialize handshake. */
export async function startSkill(
  skill: string,
  options: { prefer?: SkillEntry | 'auto'; env?: NodeJS.ProcessEnv } = {},
): Promise<SkillProcess> {
  const { entry, args } = binArgs(skill, options.prefer ?? 'auto');
  const env = { MMSKILLS_LOG_LEVEL: 'warn', ...process.env, ...options.env };
  const transport = new StdioClientTransport({
    command: process.execPath,
    args,
    cwd: REPO_ROOT,
    env: definedOnly(env),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const client = new Client({ name: 'mmskills-bench', version: '0.0.0' });
  const started = performance.now();
  await client.connect(transport);
  const handshakeMs = performance.now() - started;
  const pid = transport.pid;
  if (pid === null) throw new Error(`${skill}: no child pid after connect`);
  return {
    client,
    pid,
    entry,
    ...(entry === 'dist' && {
      distOlderThanSource:
        newestMtime(`${REPO_ROOT}skills/${skill}/src`) > newestMtime(`${REPO_ROOT}skills/${skill}/dist`),
    }),
    args,
    handshakeMs,
    async call(name, toolArgs) {
      const result = (await client.callTool({ name, arguments: toolArgs }, undefined, {
        timeout: 600_000,
      })) as CallToolResult;
      if (result.isError) {
        const text = result.content.map((block) => (block.type === 'text' ? block.text : '')).join(' ');
        throw new Error(`${skill}.${name} failed: ${text}\n${stderr}`);
      }
      return result;
    },
    stderrTail: () => stderr,
    close: () => client.close(),
  };
}

/** Peak and current resident set size of a live process, in MiB, from /proc/<pid>/status. */
export function processMemory(pid: number): { peak_rss_mib: number; rss_mib: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  const mib = (value: number) => Math.round((value / 1024) * 10) / 10;
  return { peak_rss_mib: mib(kib('VmHWM')), rss_mib: mib(kib('VmRSS')) };
}
