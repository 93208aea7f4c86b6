import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadHostConfig } from '@mmskills/host';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { workspaceDirs } from '../src/assemble-service.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const composeDir = fileURLToPath(new URL('../compose', import.meta.url));
const schema = JSON.parse(readFileSync(new URL('./oracle/compose-spec.json', import.meta.url), 'utf8'));
// The spec names draft-07 by its https address, which ajv knows only as http://…/schema#.
const draft07 = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json');
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema({ ...draft07, $id: 'https://json-schema.org/draft-07/schema' });
const validate = ajv.compile(schema);

const ServiceSchema = z.looseObject({
  image: z.string().optional(),
  build: z
    .object({ context: z.string(), dockerfile: z.string(), args: z.record(z.string(), z.string()) })
    .optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  secrets: z.array(z.string()).default([]),
  deploy: z.looseObject({ replicas: z.number().optional() }).optional(),
});
const ComposeSchema = z.looseObject({
  services: z.record(z.string(), ServiceSchema),
  secrets: z.record(z.string(), z.object({ file: z.string() })).default({}),
});

// Compose files use YAML merge keys (<<) for the parts every skill shares.
const readCompose = (name: string): unknown =>
  parse(readFileSync(join(composeDir, name), 'utf8'), { merge: true });
const compose = ComposeSchema.parse(readCompose('compose.yaml'));
const vllm = ComposeSchema.partial({ services: true }).parse(readCompose('compose.vllm.yaml'));

/** `.env` as an operator makes it from env.example, then Compose's `${VAR:-default}` / `$$`. */
const dotenv = Object.fromEntries(
  readFileSync(join(composeDir, 'env.example'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
const interpolate = (value: string) =>
  value
    .replace(
      /\$\{(\w+)(?::-([^}]*))?\}/g,
      (_, name: string, fallback?: string) => dotenv[name] ?? fallback ?? '',
    )
    .replace(/\$\$/g, '$');

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

describe('the Compose files', () => {
  it('match the Compose Specification schema', () => {
    for (const name of ['compose.yaml', 'compose.vllm.yaml']) {
      const valid = validate(readCompose(name));
      expect(validate.errors ?? [], name).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('build every mmskills service from the one Dockerfile, for a workspace that exists', () => {
    const workspaces = workspaceDirs(root);
    const built = Object.entries(compose.services).filter(([, service]) => service.build);
    expect(built.length).toBe(2 + 11 + 1);
    for (const [name, service] of built) {
      expect(resolve(composeDir, service.build?.context ?? '')).toBe(resolve(root));
      expect(existsSync(join(root, service.build?.dockerfile ?? '')), name).toBe(true);
      expect(workspaces, name).toContain(service.build?.args.WORKSPACE);
    }
    const skills = workspaces.filter((dir) => dir.startsWith('skills/'));
    expect(built.map(([name]) => name)).toEqual(
      expect.arrayContaining(skills.map((dir) => `skill-${dir.slice(7)}`)),
    );
  });

  it('declares each secret a service names, and make-secrets.sh writes every file they read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmskills-compose-'));
    temp.push(dir);
    cpSync(composeDir, dir, { recursive: true, filter: (path) => !path.includes('/secrets') });
    const made = spawnSync('bash', [join(dir, 'make-secrets.sh')], { encoding: 'utf8' });
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const declared = { ...compose.secrets, ...vllm.secrets };
    for (const [name, { file }] of Object.entries(declared)) {
      expect(existsSync(join(dir, file)), `${name}: ${file}`).toBe(true);
    }
    for (const [name, service] of Object.entries({ ...compose.services, ...vllm.services })) {
      for (const secret of service.secrets) expect(Object.keys(declared), name).toContain(secret);
      // A `<NAME>_FILE` variable is read by the image's entry point from a secret this service mounts.
      for (const [variable, value] of Object.entries(service.environment)) {
        const mounted = /^\/run\/secrets\/(.+)$/.exec(String(value));
        if (mounted) expect(service.secrets, `${name} ${variable}`).toContain(mounted[1]);
      }
    }
    const url = readFileSync(join(dir, 'secrets', 'registry_database_url'), 'utf8').trim();
    expect(new URL(url).pathname).toBe(`/${compose.services.postgres?.environment.POSTGRES_DB}`);
  });

  it('gives the host a config its own loader accepts, each skill URL a Compose service or replica', async () => {
    const host = compose.services.host;
    if (!host) throw new Error('no host service');
    const environment = Object.fromEntries(
      Object.entries(host.environment).map(([name, value]) => [name, interpolate(String(value))]),
    );
    const config = await loadHostConfig(
      [],
      { ...environment, MMSKILLS_CONFIG: join(composeDir, 'mmskills.json') },
      composeDir,
    );
    expect(config.lmm).toBe('openai:http://lmm:8080/v1,model=default,key-env=MMSKILLS_LMM_API_KEY');
    expect(config.registry).toBe('http://registry:8090');
    const reachable = new Set(
      Object.entries(compose.services).flatMap(([name, service]) => [
        `${name}:9000`,
        ...Array.from({ length: service.deploy?.replicas ?? 1 }, (_, i) => `mmskills-${name}-${i + 1}:9000`),
      ]),
    );
    const urls = Object.values(config.skills ?? {}).flatMap((server) =>
      'command' in server ? [] : (server.urls ?? [server.url ?? '']),
    );
    expect(urls).toHaveLength(12);
    for (const url of urls) expect(reachable, url).toContain(new URL(url).host);
  });
});
