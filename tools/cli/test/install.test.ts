import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { tsxArgs } from '@mmskills/core/testing';
import { createRegistryApp, hashToken, openSqliteStore } from '@mmskills/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ran, runCli } from './run-cli.js';

// tsx is found from the working directory, so the CLI runs from its package; paths come from MMSKILLS_CONFIG.
const packageDir = new URL('../', import.meta.url).pathname;
const packageJsonOfCli = new URL('../package.json', import.meta.url).pathname;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const image = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../../skills/image/${file}`, import.meta.url), 'utf8'));

async function listen(server: Server | ReturnType<typeof serve>): Promise<string> {
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('mmskills install / remove refuse cleanly and change nothing', () => {
  let registry: string;
  let npmRegistry: string;
  let stops: Array<() => void>;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const config = () => join(dir, 'mmskills.json');
  const cli = (args: string[]): Promise<Ran> =>
    runCli(tsxArgs(new URL('../src/bin.ts', import.meta.url)), args, packageDir, env);

  beforeAll(async () => {
    const store = openSqliteStore(':memory:');
    await store.saveToken({
      hash: hashToken('mmsk_t'),
      namespace: 'io.github.mmskills',
      createdAt: new Date().toISOString(),
    });
    const app = createRegistryApp({ store, log: quiet });
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    registry = await listen(server);
    // A skill whose npm package exists nowhere, and one named like a built-in.
    // Entries whose package names are not npm package names must never reach npm's command line.
    for (const [name, identifier] of [
      ['io.github.mmskills/ghost', '@mmskills/skill-ghost'],
      ['io.github.mmskills/image', '@mmskills/skill-image'],
      ['io.github.mmskills/by-url', 'https://127.0.0.1:9/evil.tgz'],
      ['io.github.mmskills/by-flag', '--registry=http://127.0.0.1:9/'],
      ['io.github.mmskills/by-path', '../../outside'],
    ]) {
      const serverJson = image('server.json');
      serverJson.name = name;
      serverJson.packages[0].identifier = identifier;
      const response = await app.request('/v0/publish', {
        method: 'POST',
        headers: { authorization: 'Bearer mmsk_t', 'content-type': 'application/json' },
        body: JSON.stringify({ server: serverJson, tools: image('tools.json') }),
      });
      expect(response.status).toBe(201);
    }
    // An npm registry that has nothing: every package is a 404, as on a real registry.
    const npm = createServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    }).listen(0, '127.0.0.1');
    npmRegistry = await listen(npm);
    stops = [() => server.close(), () => npm.close()];
    dir = mkdtempSync(join(tmpdir(), 'mmskills-install-'));
    env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))),
      MMSKILLS_REGISTRY: registry,
      MMSKILLS_CONFIG: join(dir, 'mmskills.json'),
      npm_config_registry: `${npmRegistry}/`,
      npm_config_userconfig: join(dir, 'npmrc'),
      npm_config_cache: join(dir, 'npm-cache'),
      npm_config_fetch_retries: '0',
    };
    writeFileSync(join(dir, 'npmrc'), '');
  });
  afterAll(() => {
    for (const stop of stops) stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains itself with --help', async () => {
    for (const command of ['install', 'remove']) {
      const ran = await cli([command, '--help']);
      expect(ran).toMatchObject({ code: 0, stderr: '' });
      expect(ran.stdout).toMatch(new RegExp(`^Usage: mmskills ${command} <name>`));
    }
    expect((await cli(['--help'])).stdout).toMatch(/install +install a published skill into the host/);
  }, 60_000);

  it('creates a publish token through mmskills registry, and passes on its refusals', async () => {
    const data = join(dir, 'registry-data');
    const created = await cli([
      'registry',
      'token',
      'create',
      '--namespace',
      'io.github.alice',
      '--data',
      data,
    ]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^mmsk_[\w-]{32}\n$/);
    const refused = await cli(['registry', 'token', 'create', '--data', data]);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toBe('token create needs --namespace <reverse-DNS, e.g. io.github.alice>\n');
  }, 60_000);

  it.each<[string, string[], number, RegExp]>([
    [
      'no name',
      ['install'],
      2,
      /^mmskills install: install takes one skill name, folder or tarball\nUsage: mmskills install/,
    ],
    ['an unknown flag', ['install', 'ghost', '--force'], 2, /Unknown option '--force'/],
    [
      'an unknown skill',
      ['install', 'nothing-here'],
      1,
      /^mmskills install: unknown skill nothing-here: nothing of that name in the registry at http:\/\/127\.0\.0\.1:\d+\n$/,
    ],
    [
      'an unknown version',
      ['install', 'io.github.mmskills/ghost@9.9.9'],
      1,
      /^mmskills install: unknown skill io\.github\.mmskills\/ghost@9\.9\.9 in the registry/,
    ],
    [
      'an unreachable registry',
      ['install', 'ghost', '--registry', 'http://127.0.0.1:9'],
      1,
      /^mmskills install: cannot reach the registry at http:\/\/127\.0\.0\.1:9: .*\n$/,
    ],
    [
      'a built-in skill name',
      ['install', 'io.github.mmskills/image'],
      1,
      /^mmskills install: image is the name of a built-in skill the host runs/,
    ],
    [
      'a package the npm registry does not have',
      ['install', 'ghost'],
      1,
      /^mmskills install: io\.github\.mmskills\/ghost@0\.1\.0 is in the registry, but its npm package @mmskills\/skill-ghost@0\.1\.0 is not on your npm registry \(.*404 Not Found - GET http:\/\/127\.0\.0\.1:\d+\/@mmskills%2fskill-ghost.*\)\. Publish the package there .* or install it from its folder or npm pack tarball: mmskills install \.\/path\/to\/skill\n$/,
    ],
    ...['by-url', 'by-flag', 'by-path'].map((name): [string, string[], number, RegExp] => [
      `a registry entry naming ${name} as its npm package`,
      ['install', name],
      1,
      /^mmskills install: io\.github\.mmskills\/by-\w+@0\.1\.0 names ".*" as its npm package, which is not an npm package name; nothing was installed\n$/,
    ]),
    [
      'a folder that does not exist',
      ['install', './no/such/skill'],
      2,
      /^mmskills install: \.\/no\/such\/skill: no such folder or file\n$/,
    ],
    [
      'a file that is no tarball',
      ['install', packageJsonOfCli],
      2,
      /is neither a package folder nor an npm pack tarball/,
    ],
  ])(
    'refuses %s with one line and the right exit code',
    async (_label, args, code, message) => {
      const ran = await cli(args);
      expect(ran.code, ran.stderr).toBe(code);
      expect(ran.stderr).toMatch(message);
      expect(ran.stdout).toBe('');
      expect(existsSync(config())).toBe(false);
      expect(existsSync(join(dir, '.mmskills/skills/node_modules/@mmskills'))).toBe(false);
    },
    120_000,
  );

  it('refuses to work on a config file that is broken, and leaves it as it was', async () => {
    for (const text of ['{ "skills": ', '{ "skills": { "Bad Name": { "command": "x" } } }']) {
      writeFileSync(config(), text);
      for (const args of [
        ['install', 'ghost'],
        ['remove', 'ghost'],
      ]) {
        const ran = await cli(args);
        expect(ran.code).toBe(1);
        expect(ran.stderr).toMatch(
          /mmskills\.json is not (valid JSON|a valid host config) .*; fix it first\n$/,
        );
        expect(readFileSync(config(), 'utf8')).toBe(text);
      }
    }
    rmSync(config());
  }, 60_000);

  it('removes a config entry it did not install without touching npm, and refuses unknown names', async () => {
    const before = {
      lmm: 'scripted:turns.json',
      builtins: true,
      skills: { mine: { command: 'my-skill', args: ['--fast'] } },
    };
    writeFileSync(config(), JSON.stringify(before));
    const unknown = await cli(['remove', 'nothing-here']);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toBe(
      `mmskills remove: nothing-here is not installed: ${config()} has no skill of that name\n`,
    );
    expect(JSON.parse(readFileSync(config(), 'utf8'))).toEqual(before);
    const ran = await cli(['remove', 'io.github.someone/mine']);
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    expect(ran.stdout).toMatch(
      /^removed mine from .*mmskills\.json\n {2}its command was not installed by mmskills install/,
    );
    expect(JSON.parse(readFileSync(config(), 'utf8'))).toEqual({ ...before, skills: {} });
    rmSync(config());
  }, 60_000);
});
