import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening } from '@mmskills/skill-kit/testing';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A port nobody listens on right now, for servers that cannot be told port 0. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A workspace bin serving HTTP; `log()` is its stderr so far, for failure messages. */
export type Service = ListeningProcess;

/** Spawns a workspace bin from source and waits for its `listening` log line with the URL. */
export function startBin(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<Service> {
  return spawnListening([...tsxArgs(new URL(`../../${bin}`, import.meta.url)), ...args], {
    ...process.env,
    ...env,
  });
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; never rejects, so a test can look at a failure's output. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 32 << 20, timeout: 300_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `mmskills <args>` from the CLI's source, as a user would run the built bin. */
export function mmskills(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return run(
    process.execPath,
    [...tsxArgs(new URL('../../tools/cli/src/bin.ts', import.meta.url)), ...args],
    cwd,
    env,
  );
}
