import { createServer } from 'node:net';

/** Where a server was asked to listen, and the option a person changes to move it. */
export interface ListenTarget {
  host: string;
  port: number;
  option: string;
}

/** One line for a failed listen: the port, and the option that picks another (EADDRINUSE, EACCES). */
export function listenFailureMessage(
  error: NodeJS.ErrnoException,
  { host, port, option }: ListenTarget,
): string {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (error.code === 'EADDRINUSE')
    return `port ${port} is in use on ${host} (is another mmskills running?): stop it, or choose another port with ${option} <port>`;
  if (error.code === 'EACCES')
    return `not allowed to listen on ${where}: choose a port above 1023 with ${option} <port>`;
  return `cannot listen on ${where}: ${error.message}`;
}

/**
 * Exits with status 2 and one line on stderr when `server` fails to listen, instead of Node's
 * unhandled 'error' stack trace.
 */
export function exitOnListenFailure(
  server: { once(event: 'error', listener: (error: Error) => void): unknown },
  program: string,
  target: ListenTarget,
): void {
  server.once('error', (error) => {
    process.stderr.write(`${program}: ${listenFailureMessage(error, target)}\n`);
    process.exit(2);
  });
}

/** Resolves when `port` on `host` can be bound now, or rejects with the one-line reason it cannot. */
export function checkPortFree(target: ListenTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(new Error(listenFailureMessage(error, target))));
    probe.listen(target.port, target.host, () => probe.close(() => resolve()));
  });
}
