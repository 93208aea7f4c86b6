import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** An SDK `Client` connected over stdio to a skill bin run as `node <args>` (its stderr ignored). */
export async function connectStdio(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Client> {
  const client = new Client({ name: 'mmskills-test', version: '0.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [...args],
      env: definedOnly(env),
      stderr: 'ignore',
    }),
  );
  return client;
}

/** A bin serving HTTP on 127.0.0.1: the URL it logged, its process, and how to stop it. */
export interface ListeningProcess {
  /** The URL from its "listening" log line: `http://127.0.0.1:<port>` (a skill's ends in `/mcp`). */
  url: string;
  child: ChildProcess;
  /** What it wrote to stderr so far (the last 256 KiB), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** A skill bin serving Streamable HTTP; `/health` sits beside its `/mcp` URL. */
export type SkillHttpProcess = ListeningProcess;

export interface SpawnListeningOptions {
  /**
   * Only a log line this matches gives the URL, for a process that logs other URLs first
   * (`mmskills serve` logs its registry's before its host's). By default the first URL logged.
   */
  line?: RegExp;
}

const LOG_KEPT = 256 * 1024;
const LOGGED_URL = /"url":"(http:\/\/127\.0\.0\.1:\d+[^"]*)"/;

/**
 * Spawns `node <args>` and resolves once it logs the URL it listens on (the JSON log line on
 * stderr, at info level); rejects with what it printed if it exits first. Skills, the registry
 * and the host all log it the same way.
 */
export async function spawnListening(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  options: SpawnListeningOptions = {},
): Promise<ListeningProcess> {
  const child = spawn(process.execPath, [...args], {
    env: { ...env, MMSKILLS_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.setEncoding('utf8');
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    let found = false;
    let partial = '';
    child.stderr.on('data', (text: string) => {
      log = (log + text).slice(-LOG_KEPT);
      if (found) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const match = options.line && !options.line.test(line) ? null : LOGGED_URL.exec(line);
        if (match?.[1]) {
          found = true;
          resolve(match[1]);
          return;
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`bin exited ${code}: ${log}`)));
  });
  return {
    url,
    child,
    log: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Spawns a skill bin as `node <args> --http 0` (see {@link spawnListening}). */
export function spawnSkillHttp(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<SkillHttpProcess> {
  return spawnListening([...args, '--http', '0'], env);
}

/** What a skill bin's `--manifest` prints, parsed (check it with `validateSkillManifest`). */
export interface PrintedManifest {
  server: unknown;
  tools: Array<{ name: string }>;
}

/** Runs `node <args> --manifest` and parses what it prints. */
export async function readManifest(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<PrintedManifest> {
  const { stdout } = await promisify(execFile)(process.execPath, [...args, '--manifest'], { env });
  return JSON.parse(stdout) as PrintedManifest;
}
