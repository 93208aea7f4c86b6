import { execFile } from 'node:child_process';
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
