import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPortFree } from '@mmskills/core/process';
import { listeningLineReader } from '../serve/listening-line.js';
import { packageBin } from './package-bin.js';

export const SERVE_USAGE = `Usage: mmskills serve [--port 8080] [--registry-port 8090] [--data .mmskills] [--lmm <spec>]
                     [--database-url postgres://…]

Starts the registry (SQLite under <data>/registry, built-in skills published on first start),
then the host with the built-in skills, its conversations in <data>/host/conversations.sqlite
(or in PostgreSQL with --database-url / MMSKILLS_DATABASE_URL). Ctrl-C stops everything it started.
`;

/** Passes a child's stderr through and resolves with the URL of its "listening" log line. */
function waitForUrl(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = listeningLineReader();
    let found = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      if (found) return;
      const url = reader.push(chunk);
      if (url) {
        found = true;
        resolve(url);
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code}`)));
  });
}

/** `mmskills serve` (what `npm start` runs): registry + host + built-in skills, one process tree. */
export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: process.env.MMSKILLS_PORT ?? '8080' },
      'registry-port': { type: 'string', default: process.env.MMSKILLS_REGISTRY_PORT ?? '8090' },
      data: { type: 'string', default: process.env.MMSKILLS_DATA ?? '.mmskills' },
      lmm: { type: 'string', default: process.env.MMSKILLS_LMM },
      'database-url': { type: 'string', default: process.env.MMSKILLS_DATABASE_URL },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(SERVE_USAGE);
    return 0;
  }
  try {
    await checkPortFree({ host: '127.0.0.1', port: Number(values.port), option: '--port' });
    await checkPortFree({
      host: '127.0.0.1',
      port: Number(values['registry-port']),
      option: '--registry-port',
    });
  } catch (error) {
    process.stderr.write(`mmskills serve: ${(error as Error).message}\n`);
    return 2;
  }
  const env = {
    ...process.env,
    MMSKILLS_REGISTRY_ADMIN_TOKEN:
      process.env.MMSKILLS_REGISTRY_ADMIN_TOKEN ?? randomBytes(24).toString('base64url'),
  };
  const children: ChildProcess[] = [];
  const stopAll = () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('SIGINT', stopAll);
  process.once('SIGTERM', stopAll);
  try {
    const registry = spawn(
      process.execPath,
      [
        // The local registry answers the host and the CLI, a few requests a minute: V8 set to
        // favour size, as the built-in skills run, holds it at less memory (issue 21).
        '--optimize-for-size',
        ...packageBin('@mmskills/registry'),
        '--port',
        values['registry-port'],
        '--data',
        join(values.data, 'registry'),
      ],
      {
        env,
        stdio: ['ignore', 'inherit', 'pipe'],
      },
    );
    children.push(registry);
    const registryUrl = await waitForUrl(registry, 'the registry');
    const hostArgs = [
      '--port',
      values.port,
      '--registry',
      registryUrl,
      '--data',
      join(values.data, 'host'),
      ...(values['database-url'] ? ['--database-url', values['database-url']] : []),
      ...(values.lmm ? ['--lmm', values.lmm] : []),
    ];
    const host = spawn(process.execPath, [...packageBin('@mmskills/host'), ...hostArgs], {
      env,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    children.push(host);
    const hostUrl = await waitForUrl(host, 'the host');
    process.stdout.write(
      `\nmmskills is running\n  host      ${hostUrl}  (chat API, OpenAI-compatible /v1, MCP gateway /mcp, /health)\n  registry  ${registryUrl}  (/v0/servers, /v0/tools?q=)\nPress Ctrl-C to stop.\n`,
    );
    const [first] = await Promise.race(
      children.map(
        (child) => new Promise<[ChildProcess]>((resolve) => child.once('exit', () => resolve([child]))),
      ),
    );
    stopAll();
    return first.exitCode === 0 || first.signalCode === 'SIGTERM' ? 0 : 1;
  } catch (error) {
    process.stderr.write(`mmskills serve: ${(error as Error).message}\n`);
    stopAll();
    return 1;
  }
}
