import { type ChildProcess, spawn } from 'node:child_process';
import { tsxArgs } from '@mmskills/core/testing';

/** The registry bin, run from source. */
export const registryBin = tsxArgs(new URL('../src/bin.ts', import.meta.url));

/** The environment of a test registry: its admin token, and SQLite even if DATABASE_URL is set. */
export function registryEnv(adminToken: string): NodeJS.ProcessEnv {
  return { ...process.env, MMSKILLS_REGISTRY_ADMIN_TOKEN: adminToken, DATABASE_URL: '' };
}

/** Starts the registry bin on a free port with its SQLite file under `data`; resolves with its URL once it listens. */
export async function startRegistry(
  data: string,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...registryBin, '--port', '0', '--data', data, '--no-seed'], {
    env,
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`registry exited ${code}: ${seen}`)));
  });
  return { child, url };
}
