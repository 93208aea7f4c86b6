import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort, repoRoot, run } from './processes.js';

/** A verdaccio on 127.0.0.1 with no uplinks: it serves what is published to it and nothing else. */
export interface LocalNpmRegistry {
  url: string;
  /** npm settings for installing from it: its URL, plus a private npmrc and cache. */
  npmEnv: NodeJS.ProcessEnv;
  /** The same, with the token of a user allowed to publish. */
  publishEnv: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function startLocalNpmRegistry(dir: string): Promise<LocalNpmRegistry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(dir, 'verdaccio.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(dir, 'storage')}`,
      'auth:',
      `  htpasswd: { file: ${join(dir, 'htpasswd')}, max_users: 10 }`,
      // JWT tokens: the legacy ones make every request verify a bcrypt password.
      'security: { api: { jwt: { sign: { expiresIn: 1h } } } }',
      'uplinks: {}',
      'packages:',
      "  '**': { access: $all, publish: $authenticated }",
      'log: { type: stdout, format: json, level: error }',
      `listen: 127.0.0.1:${port}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(join(repoRoot, 'node_modules/.bin/verdaccio'), ['--config', config], {
    stdio: 'ignore',
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  for (let tries = 0; ; tries += 1) {
    const ping = await fetch(`${url}-/ping`).catch(() => undefined);
    if (ping?.ok) break;
    if (tries > 300 || child.exitCode !== null) {
      await stop();
      throw new Error(`verdaccio did not start on ${url}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const user = await fetch(`${url}-/user/org.couchdb.user:author`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'author', password: 'local-only-password' }),
  });
  const { token } = (await user.json()) as { token: string };
  writeFileSync(join(dir, 'npmrc'), '');
  // Only our npm settings: none of the npm_* variables an outer `npm test` hands its scripts.
  const outer = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const npmEnv = {
    ...outer,
    npm_config_registry: url,
    npm_config_userconfig: join(dir, 'npmrc'),
    npm_config_cache: join(dir, 'npm-cache'),
    npm_config_update_notifier: 'false',
  };
  return {
    url,
    npmEnv,
    publishEnv: { ...npmEnv, [`npm_config_//127.0.0.1:${port}/:_authToken`]: token },
    stop,
  };
}

function packageDir(from: string, name: string): string | undefined {
  for (let at = from; ; at = dirname(at)) {
    const candidate = join(at, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(at) === at) return undefined;
  }
}

/**
 * Publishes packages installed in this checkout, with everything they need on this platform, to the
 * local registry: the stand-in for the public npm registry that the test may not reach.
 */
export async function mirrorInstalled(registry: LocalNpmRegistry, names: string[]): Promise<string[]> {
  const dirs = new Map<string, string>();
  const visit = (from: string, name: string, optional: boolean) => {
    const dir = packageDir(from, name);
    if (!dir) {
      if (optional) return;
      throw new Error(`${name} is not installed here`);
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const key = `${manifest.name}@${manifest.version}`;
    if (dirs.has(key)) return;
    dirs.set(key, dir);
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dir, dependency, false);
    for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) visit(dir, dependency, true);
  };
  for (const name of names) visit(repoRoot, name, false);
  const published = await Promise.all(
    [...dirs].map(async ([key, dir]) => {
      const ran = await run('npm', ['publish', dir, '--ignore-scripts'], dir, registry.publishEnv);
      if (ran.code !== 0) throw new Error(`npm publish ${key} failed:\n${ran.stderr}`);
      return key;
    }),
  );
  return published.sort();
}
