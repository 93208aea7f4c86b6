import { parseArgs } from 'node:util';
import { createSkillServer } from './create-server.js';
import type { SkillDefinition } from './define-skill.js';
import { idleUnloadMs } from './idle-unload.js';
import { skillManifest, writeManifest } from './manifest.js';
import { maxRequestBytes } from './request-size.js';
import { createSkillRuntime } from './runtime.js';
import { serveSkillStdio } from './stdio-transport.js';
import { type SkillFlag, type SkillFlagValues, usage } from './usage.js';

export type { SkillFlag, SkillFlagValues };

export interface RunSkillOptions {
  argv?: string[];
  env?: NodeJS.ProcessEnv;
  /** Flags of this skill beyond the common ones, e.g. `--model`. */
  flags?: Record<string, SkillFlag>;
}

/**
 * The body of every skill's bin: `--manifest` prints `server.json` and the tool list; `--http
 * <port>` serves Streamable HTTP on 127.0.0.1 (or `--host`); otherwise MCP over stdio.
 * Resolves once serving; SIGINT/SIGTERM close everything and exit.
 */
export async function runSkill(
  skillOrFactory: SkillDefinition | ((flags: SkillFlagValues) => SkillDefinition),
  options: RunSkillOptions = {},
): Promise<{ close(): Promise<void>; url?: string }> {
  const env = options.env ?? process.env;
  const extra = options.flags ?? {};
  const { values } = parseArgs({
    args: options.argv ?? process.argv.slice(2),
    options: {
      http: { type: 'string' },
      host: { type: 'string', default: env.MMSKILLS_HOST ?? '127.0.0.1' },
      manifest: { type: 'boolean', default: false },
      'manifest-out': { type: 'string' },
      preload: { type: 'boolean', default: env.MMSKILLS_PRELOAD === '1' },
      'idle-unload': { type: 'string', default: env.MMSKILLS_IDLE_UNLOAD },
      help: { type: 'boolean', short: 'h', default: false },
      ...Object.fromEntries(Object.entries(extra).map(([name, flag]) => [name, { type: flag.type }])),
    },
    strict: true,
  });
  const given = values as SkillFlagValues;
  const flagValues: SkillFlagValues = Object.fromEntries(
    Object.entries(extra).map(([name, flag]) => [
      name,
      given[name] ?? (flag.env ? env[flag.env] : undefined),
    ]),
  );
  const skill = typeof skillOrFactory === 'function' ? skillOrFactory(flagValues) : skillOrFactory;
  if (values.help) {
    process.stdout.write(usage(skill, extra));
    return { close: async () => {} };
  }
  if (values.manifest) {
    process.stdout.write(`${JSON.stringify(skillManifest(skill), null, 2)}\n`);
    return { close: async () => {} };
  }
  if (values['manifest-out'] !== undefined) {
    await writeManifest(skill, values['manifest-out']);
    return { close: async () => {} };
  }

  const runtime = createSkillRuntime(skill, env, {
    idleUnloadMs: idleUnloadMs(values['idle-unload'], '--idle-unload'),
  });
  const { log } = runtime;
  if (values.preload && skill.load) {
    // Beside the handshake, not before it: a first call waits on this same load (the skill's
    // ModelSlot), so it is answered as soon as both are done. A failed load is the first call's
    // to report (and to retry), as a model missing at start is.
    const load = skill.load;
    Promise.resolve()
      .then(load)
      .then(
        () => runtime.idle.arm(),
        (error: Error) =>
          log.warn('preloading the model failed; the first call loads it again', { error: error.message }),
      );
  }

  let close: () => Promise<void>;
  let url: string | undefined;
  if (values.http !== undefined) {
    const port = Number(values.http);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new TypeError(`--http needs a port, got "${values.http}"`);
    const hostname = values.host;
    // Loaded here, not at the top: a stdio skill (every start by a host or the CLI) would otherwise
    // import Hono, its Node server and the HTTP app before its handshake (issue 21).
    const { listenHttp } = await import('./listen-http.js');
    const served = await listenHttp(runtime, hostname, port);
    url = served.url;
    close = served.close;
    log.info('listening', { url, health: url.replace(/\/mcp$/, '/health') });
  } else {
    const served = serveSkillStdio(
      () => createSkillServer(runtime),
      maxRequestBytes(runtime),
      (error) => log.warn('stdio message failed', { error: error.message }),
    );
    process.stdin.once('end', () => void shutdown());
    close = () => served.close();
    log.info('serving over stdio', { tools: skill.tools.map((tool) => tool.name) });
  }
  const stopServing = close;
  close = async () => {
    runtime.idle.close();
    await stopServing();
  };
  const shutdown = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return { close, url };
}
