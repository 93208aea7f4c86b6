import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { photoPath } from '@mmskills/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalNpmRegistry, mirrorInstalled, startLocalNpmRegistry } from './local-npm-registry.js';
import { mmskills, repoRoot, run, type Service, startBin } from './processes.js';

// Inside the checkout, so the generated package builds against its tsconfig and node_modules, as
// `mmskills new` requires; git ignores the folder.
const scratchRoot = join(repoRoot, '.tmp-marketplace-test');
const ADMIN_TOKEN = 'marketplace-test-admin-token';
const SKILL = 'io.github.mmskills/hello-vision';
const coffee = `data:image/png;base64,${readFileSync(photoPath('coffee')).toString('base64')}`;

async function until<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  log: () => string | Promise<string>,
): Promise<T> {
  for (let tries = 0; tries < 200; tries += 1) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}; its log:\n${await log()}`);
}

describe('the marketplace, end to end on 127.0.0.1', () => {
  let scratch: string;
  let npm: LocalNpmRegistry;
  let registry: Service;
  let host: Service;
  let gateway: Client;
  let publishToken: string;
  let configPath: string;
  let cliEnv: NodeJS.ProcessEnv;
  let packageDir: string;

  beforeAll(async () => {
    mkdirSync(scratchRoot, { recursive: true });
    scratch = mkdtempSync(join(scratchRoot, 'run-'));
    mkdirSync(join(scratch, 'npm'));
    npm = await startLocalNpmRegistry(join(scratch, 'npm'));
    const [mirrored] = await Promise.all([
      // What a generated skill needs from the public registry at run time: sharp, for this platform.
      mirrorInstalled(npm, ['sharp']),
      startBin('registry/src/bin.ts', ['--port', '0', '--data', join(scratch, 'registry'), '--no-seed'], {
        MMSKILLS_REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN,
      }).then((started) => {
        registry = started;
      }),
    ]);
    expect(mirrored).toContain('sharp@0.34.5');
    configPath = join(scratch, 'host', 'mmskills.json');
    mkdirSync(join(scratch, 'host'));
    writeFileSync(configPath, JSON.stringify({ skills: {} }));
    const turns = join(scratch, 'turns.json');
    writeFileSync(
      turns,
      JSON.stringify({
        turns: [
          {
            thoughts: 'Count the colours of the picture.',
            actions: [{ API_name: 'describe_colors', API_params: { image: 'image_1', count: 2 } }],
            value: '',
          },
          { thoughts: '', actions: [], value: 'It is mostly the colours of coffee.' },
        ],
      }),
    );
    host = await startBin(
      'host/src/bin.ts',
      ['--port', '0', '--config', configPath, '--lmm', `scripted:${turns}`],
      {},
    );
    gateway = new Client({ name: 'marketplace-test', version: '0.0.0' });
    await gateway.connect(new StreamableHTTPClientTransport(new URL(`${host.url}/mcp`)));
    const created = await fetch(`${registry.url}/v0/admin/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ namespace: 'io.github.mmskills' }),
    });
    publishToken = ((await created.json()) as { token: string }).token;
    cliEnv = { ...npm.npmEnv, MMSKILLS_REGISTRY: registry.url, MMSKILLS_CONFIG: configPath };
  }, 240_000);

  afterAll(async () => {
    await gateway?.close().catch(() => {});
    await Promise.all([host?.stop(), registry?.stop(), npm?.stop()]);
    rmSync(scratch, { recursive: true, force: true });
    try {
      rmdirSync(scratchRoot);
    } catch {
      // Another run still has its folder there.
    }
  });

  /** `mmskills call` on the installed skill (by the name given), then `remove`, and the host drops it. */
  async function callThenRemove(name: string) {
    const called = await mmskills(
      ['call', name, 'describe_colors', '--image', photoPath('coffee'), '--args', '{"count":1}'],
      scratch,
      cliEnv,
    );
    expect(called.code, called.stderr).toBe(0);
    expect(called.stdout).toMatch(/^600×400, mean #[0-9a-f]{6}; dominant: #[0-9a-f]{6} /);
    const removed = await mmskills(['remove', 'hello-vision'], scratch, cliEnv);
    expect(removed.code, removed.stderr).toBe(0);
    await until(
      async () => (await gateway.listTools()).tools.length,
      (count) => count === 0,
      'the host to drop hello-vision',
      () => host.log(),
    );
  }

  it('new → build → npm publish → mmskills publish → search → install → the host uses it → call → remove', async () => {
    const created = await mmskills(['new', 'hello-vision', '--dir', scratch], scratch, cliEnv);
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/^created .*hello-vision: @mmskills\/skill-hello-vision/);
    packageDir = join(scratch, 'hello-vision');

    const built = await run('npm', ['run', 'build'], packageDir, cliEnv);
    expect(built.code, built.stderr).toBe(0);
    const published = await run('npm', ['publish'], packageDir, npm.publishEnv);
    expect(published.code, published.stderr).toBe(0);
    const onNpm = (await (await fetch(`${npm.url}@mmskills%2fskill-hello-vision`)).json()) as {
      'dist-tags': { latest: string };
    };
    expect(onNpm['dist-tags'].latest).toBe('0.1.0');

    const listed = await mmskills(['publish', packageDir, '--token', publishToken], scratch, cliEnv);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`published ${SKILL}@0.1.0 to ${registry.url}`);

    const found = await mmskills(['search', 'dominant colours of an image'], scratch, cliEnv);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout.split('\n')[0]).toMatch(
      /^io\.github\.mmskills\/hello-vision@0\.1\.0 {2}describe_colors {2}/,
    );

    const installed = await mmskills(['install', 'hello-vision'], scratch, cliEnv);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toContain(
      `installed ${SKILL}@0.1.0 (@mmskills/skill-hello-vision@0.1.0) as hello-vision: describe_colors`,
    );
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    expect(config.skills['hello-vision'].args[0]).toBe(
      join(
        scratch,
        'host',
        '.mmskills/skills/node_modules/@mmskills/skill-hello-vision/bin/mmskills-hello-vision.js',
      ),
    );

    // The running host reads the changed config file; its gateway lists the new tool.
    const tools = await until(
      async () => (await gateway.listTools()).tools.map((tool) => tool.name),
      (names) => names.includes('hello_vision__describe_colors'),
      'the host to list hello_vision__describe_colors',
      async () => `${host.log()}\n${await (await fetch(`${host.url}/health`)).text()}`,
    );
    expect(tools).toEqual(['hello_vision__describe_colors']);

    const chat = await fetch(`${host.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Which colours are in this picture?' },
              { type: 'image_url', image_url: { url: coffee } },
            ],
          },
        ],
      }),
    });
    const completion = (await chat.json()) as {
      choices: Array<{ message: { content: string } }>;
      mmskills: { steps: Array<{ type: string; API_name?: string; isError?: boolean; output?: unknown }> };
    };
    expect(completion.choices[0]?.message.content).toBe('It is mostly the colours of coffee.');
    const observation = completion.mmskills.steps.find((step) => step.type === 'observation');
    expect(observation).toMatchObject({ API_name: 'describe_colors', isError: false });
    expect(JSON.stringify(observation?.output)).toMatch(/"width":600,"height":400/);

    await callThenRemove('hello-vision');
    expect(JSON.parse(readFileSync(configPath, 'utf8')).skills).toEqual({});
  }, 600_000);

  it('installs the skill from its npm pack tarball and from its folder, with no npm publish, and the host uses it', async () => {
    const packed = await run('npm', ['pack', '--pack-destination', scratch], packageDir, cliEnv);
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = join(scratch, 'mmskills-skill-hello-vision-0.1.0.tgz');
    for (const source of [tarball, './hello-vision']) {
      const installed = await mmskills(['install', source], scratch, cliEnv);
      expect(installed.code, installed.stderr).toBe(0);
      expect(installed.stdout).toContain(
        `installed ${SKILL}@0.1.0 (${source === tarball ? tarball : packageDir}) as hello-vision: describe_colors`,
      );
      await until(
        async () => (await gateway.listTools()).tools.map((tool) => tool.name),
        (names) => names.includes('hello_vision__describe_colors'),
        `the host to list the tool installed from ${source}`,
        () => host.log(),
      );
      await callThenRemove(SKILL);
    }
  }, 300_000);

  it('undoes the npm install when the package does not serve the skill the registry names', async () => {
    // A registry entry whose npm package is hello-vision's: installs fine, then claims the wrong name.
    const server = JSON.parse(readFileSync(join(packageDir, 'server.json'), 'utf8'));
    const tools = JSON.parse(readFileSync(join(packageDir, 'tools.json'), 'utf8'));
    const response = await fetch(`${registry.url}/v0/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${publishToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ server: { ...server, name: 'io.github.mmskills/impostor' }, tools }),
    });
    expect(response.status).toBe(201);
    const before = readFileSync(configPath, 'utf8');
    const ran = await mmskills(['install', 'impostor'], scratch, cliEnv);
    expect(ran).toMatchObject({ code: 1, stdout: '' });
    expect(ran.stderr).toBe(
      `mmskills install: the installed package serves ${SKILL}, not io.github.mmskills/impostor\n`,
    );
    expect(readFileSync(configPath, 'utf8')).toBe(before);
    const installed = JSON.parse(
      readFileSync(join(scratch, 'host', '.mmskills/skills/package.json'), 'utf8'),
    );
    expect(installed.dependencies ?? {}).toEqual({});
    expect(
      existsSync(join(scratch, 'host', '.mmskills/skills/node_modules/@mmskills/skill-hello-vision')),
    ).toBe(false);
  }, 300_000);
});
