import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout these journeys walk: the clone CI made, or the developer's own. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command as a person would type it, to its end; a failure is a result, not a throw. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: options.env ?? process.env,
        timeout: options.timeout ?? 120_000,
        maxBuffer: 32 << 20,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `npx mmskills …` in the checkout, as the README says to run it. */
export function mmskills(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return run('npx', ['mmskills', ...args], options);
}

/** A running `mmskills serve` (what `npm start` runs) and the addresses it printed. */
export interface Served {
  hostUrl: string;
  registryUrl: string;
  stop(): void;
}

/**
 * Starts `mmskills serve --port 0 --registry-port 0` from `cwd` with the bin `npm install -g
 * ./tools/cli` would put on the PATH, and resolves when it says it is running.
 */
export function startServe(cwd: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<Served> {
  const serve = spawn(
    process.execPath,
    [join(REPO_ROOT, 'tools/cli/bin/mmskills.js'), 'serve', '--port', '0', '--registry-port', '0', ...args],
    { cwd, env: { ...env, MMSKILLS_LMM: '' }, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let output = '';
  serve.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (!output.includes('Press Ctrl-C to stop.')) return;
      clearInterval(timer);
      resolve({
        hostUrl: /host\s+(http:\/\/\S+)/.exec(output)?.[1] ?? '',
        registryUrl: /registry\s+(http:\/\/\S+)/.exec(output)?.[1] ?? '',
        stop: () => serve.kill('SIGINT'),
      });
    }, 100);
    serve.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`mmskills serve exited with ${code}: ${output}`));
    });
  });
}
