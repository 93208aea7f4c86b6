import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** Starts a server bin that logs a JSON line with `"url":"http://…"`, and waits for that line. */
export async function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; stop: () => Promise<void>; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(seen);
      if (match?.[1]) resolve(match[1]);
      if (seen.length > 100_000) seen = seen.slice(-10_000);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${seen.slice(-2000)}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  return { url, stop, child };
}
