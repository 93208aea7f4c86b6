import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { tsxArgs } from '@mmskills/core/testing';

/** The registry bin on a free port over SQLite in `data`, seeded with the built-in skills. */
export async function spawnRegistry(
  data: string,
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [...tsxArgs(new URL('../../registry/src/bin.ts', import.meta.url)), '--port', '0', '--data', data],
    {
      env: {
        ...process.env,
        MMSKILLS_REGISTRY_ADMIN_TOKEN: 'faults-admin',
        DATABASE_URL: '',
        MMSKILLS_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`registry exited ${code}: ${seen}`)));
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
