import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assembleService } from '../src/assemble-service.js';
import { dockerfileStages, execForm, keyword, type Stage } from '../src/dockerfile-stages.js';
import { localPrebuilds } from './local-prebuilds.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const text = readFileSync(new URL('../image/Dockerfile', import.meta.url), 'utf8');
const { stages } = dockerfileStages(text);
const buildAndRuntime = (): [Stage, Stage] => {
  const [first, second] = stages;
  if (!first || !second) throw new Error('the Dockerfile has fewer than two stages');
  return [first, second];
};
const [build, runtime] = buildAndRuntime();
// Dockerfile syntax, not a template literal.
const WORKSPACE_ARG = '$' + '{WORKSPACE}';

describe('the Dockerfile', () => {
  it('has no problem dockerfile-utils (the Docker language server) finds', () => {
    expect(validate(text).map((problem) => `${problem.range.start.line + 1}: ${problem.message}`)).toEqual(
      [],
    );
  });

  it('builds in a full stage and runs from a slim one, as a user that is not root, with a HEALTHCHECK', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'runtime']);
    expect(runtime.image).toMatch(/-slim$/);
    expect(keyword(runtime, 'USER').map((user) => user.getArgumentsContent())).toEqual(['node']);
    const [health] = keyword(runtime, 'HEALTHCHECK');
    expect(health && execForm(health)).toEqual(['node', '/app/health.mjs']);
    // The runtime stage takes from the build stage only the assembled /app, not its node_modules.
    const copies = keyword(runtime, 'COPY').map((copy) => copy.getArgumentsContent());
    expect(copies[0]).toBe('/app /app');
    const runs = keyword(build, 'RUN').map((run) => run.getArgumentsContent());
    expect(runs.at(-1)).toBe(`npx tsx deploy/image/assemble.ts "${WORKSPACE_ARG}" /app`);
  });
});

/** The runtime stage's ENV, with its paths moved under `base` as the container's / would be. */
function runtimeEnv(base: string, workspace: string): Record<string, string> {
  const pairs = keyword(runtime, 'ENV').flatMap((env) =>
    (env as Env).getProperties().map((property) => [property.getName(), property.getValue() ?? ''] as const),
  );
  return Object.fromEntries(
    pairs.map(([name, value]) => [
      name,
      value.replace(WORKSPACE_ARG, workspace).replace(/^\/(data|models)/, (path) => join(base, path)),
    ]),
  );
}

interface Running {
  app: string;
  child: ChildProcess;
  env: NodeJS.ProcessEnv;
  log: () => string;
}
const running: Running[] = [];
const temp = mkdtempSync(join(tmpdir(), 'mmskills-image-'));
chmodSync(temp, 0o755);
// As the image's USER: not root (nobody here, when the tests run as root), with a HOME it cannot write.
const nobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
const asUser = nobody ?? {};

/** Runs the build stage's assemble step, the runtime stage's COPY, then its ENTRYPOINT; waits for HEALTHCHECK. */
async function buildAndStart(
  workspace: string,
  port: number,
  extra: Record<string, string> = {},
): Promise<Running> {
  const base = join(temp, workspace.replace('/', '-'));
  const app = join(base, 'app');
  assembleService(root, workspace, app, {
    ...process.env,
    npm_config_prefer_offline: 'true',
    ...localPrebuilds(join(base, 'prebuilds'), join(root, 'registry')),
  });
  for (const file of ['service.mjs', 'entry.mjs', 'health.mjs'])
    cpSync(join(root, 'deploy/image', file), join(app, file));
  for (const dir of ['data', 'models']) {
    mkdirSync(join(base, dir));
    if (nobody) chownSync(join(base, dir), nobody.uid, nobody.gid);
  }
  chmodSync(base, 0o755);
  const env = {
    PATH: process.env.PATH,
    HOME: '/nonexistent',
    ...runtimeEnv(base, workspace),
    PORT: String(port),
    MMSKILLS_LISTEN_HOST: '127.0.0.1',
    ...extra,
  };
  const [entry] = keyword(runtime, 'ENTRYPOINT');
  const [command = '', ...args] = entry ? execForm(entry) : [];
  expect(command).toBe('node');
  const child = spawn(
    process.execPath,
    args.map((arg) => arg.replace(/^\/app\//, `${app}/`)),
    {
      cwd: app,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...asUser,
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const service = { app, child, env, log: () => output };
  running.push(service);
  const [health] = keyword(runtime, 'HEALTHCHECK');
  const probe = (health ? execForm(health) : []).map((arg) => arg.replace(/^\/app\//, `${app}/`));
  for (let tries = 0; tries < 120; tries += 1) {
    if (child.exitCode !== null) throw new Error(`${workspace} exited ${child.exitCode}: ${output}`);
    if (spawnSync(process.execPath, probe.slice(1), { env, ...asUser }).status === 0) return service;
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`${workspace} never became healthy: ${output}`);
}

const devOnly = ['typescript', 'vitest', 'tsx', '@types/node', '@biomejs/biome', 'nx'];
const expectProductionOnly = (app: string) => {
  for (const name of devOnly) expect(existsSync(join(app, 'node_modules', name)), name).toBe(false);
};

afterAll(() => {
  for (const { child } of running) child.kill('SIGTERM');
  rmSync(temp, { recursive: true, force: true });
});

describe('the image build steps, run on this machine', () => {
  let skill: Running;
  let registry: Running;
  let host: Running;
  const ports = {
    skill: 19400 + (process.pid % 200),
    registry: 19600 + (process.pid % 200),
    host: 19800 + (process.pid % 200),
  };

  beforeAll(async () => {
    skill = await buildAndStart('skills/image', ports.skill);
    registry = await buildAndStart('registry', ports.registry);
    const keys = join(temp, 'host-api-keys');
    writeFileSync(keys, 'deploy-test-key\n', { mode: 0o644 });
    const config = join(temp, 'mmskills.json');
    writeFileSync(
      config,
      JSON.stringify({ builtins: false, skills: { image: { url: `http://127.0.0.1:${ports.skill}/mcp` } } }),
    );
    host = await buildAndStart('host', ports.host, {
      MMSKILLS_CONFIG: config,
      MMSKILLS_API_KEYS_FILE: keys,
      MMSKILLS_REGISTRY: `http://127.0.0.1:${ports.registry}`,
    });
  }, 420_000);

  it('installs each service with production dependencies only: no model runtime in the registry or host, no sharp in the registry', () => {
    for (const service of [skill, registry, host]) expectProductionOnly(service.app);
    for (const service of [registry, host]) {
      for (const runtime of ['onnxruntime-node', '@tensorflow/tfjs-core', 'sharp']) {
        expect(existsSync(join(service.app, 'node_modules', runtime)), runtime).toBe(
          service === host && runtime === 'sharp',
        );
      }
    }
    expect(existsSync(join(skill.app, 'node_modules', 'sharp'))).toBe(true);
    expect(existsSync(join(skill.app, 'skills', 'image', 'src'))).toBe(false);
  });

  it('serves the skill over Streamable HTTP with its /health, as a user that cannot write to /app', async () => {
    const health = z
      .object({ status: z.literal('ok'), name: z.string() })
      .parse(await (await fetch(`http://127.0.0.1:${ports.skill}/health`)).json());
    expect(health.name).toBe('image');
  });

  it('starts the registry on its SQLite volume and the host with its API key from a file, reaching the skill', async () => {
    expect((await fetch(`http://127.0.0.1:${ports.registry}/health`)).status).toBe(200);
    // The built-in skills' manifests came along without their code, and were published at start.
    const servers = await fetch(`http://127.0.0.1:${ports.registry}/v0.1/servers?search=ocr`);
    expect(await servers.text()).toContain('io.github.mmskills/ocr');
    expect(existsSync(join(registry.app, 'skills/ocr/server.json'))).toBe(true);
    expect(existsSync(join(registry.app, 'skills/ocr/dist'))).toBe(false);
    expect(readdirSync(registry.env.MMSKILLS_REGISTRY_DATA ?? '').length).toBeGreaterThan(0);
    const unauthorised = await fetch(`http://127.0.0.1:${ports.host}/v1/tools`);
    expect(unauthorised.status).toBe(401);
    const tools = await fetch(`http://127.0.0.1:${ports.host}/v1/tools`, {
      headers: { authorization: 'Bearer deploy-test-key' },
    });
    expect(tools.status).toBe(200);
    expect(await tools.text()).toContain('image__crop');
  });
});
