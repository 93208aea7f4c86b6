import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HostConfigSchema } from '@mmskills/host';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { ConfigMap, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { workspaceDirs } from '../src/assemble-service.js';
import { helmBinary } from '../src/helm-binary.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const chart = fileURLToPath(new URL('../helm/mmskills', import.meta.url));
const SECRETS = ['--set', 'secrets.hostApiKeys=key-one', '--set', 'secrets.lmmApiKey=lmm-key'];

// Each kind the chart renders, checked against the Kubernetes OpenAPI schema kubernetes-models ships.
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'v1/ConfigMap': ConfigMap,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Secret': Secret,
  'v1/Service': Service,
};

const ManifestSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({ name: z.string() }),
});
type Manifest = z.infer<typeof ManifestSchema> & Record<string, unknown>;

let helm = '';
const runHelm = (args: string[]) => spawnSync(helm, args, { encoding: 'utf8' });

function render(...args: string[]): Manifest[] {
  const result = runHelm(['template', 'demo', chart, ...args]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return parseAllDocuments(result.stdout)
    .map((doc) => doc.toJSON())
    .filter(Boolean)
    .map((data) => ManifestSchema.parse(data) as Manifest);
}

const named = (manifests: Manifest[], kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found)
    throw new Error(`no ${kind} ${name} among ${manifests.map((m) => `${m.kind}/${m.metadata.name}`)}`);
  return found as never as Record<string, never>;
};

const DeploymentShape = z.object({
  spec: z.object({
    template: z.object({
      spec: z.object({
        containers: z.array(
          z.looseObject({
            name: z.string(),
            image: z.string(),
            ports: z.array(z.object({ name: z.string(), containerPort: z.number() })),
            readinessProbe: z.object({ httpGet: z.object({ path: z.string(), port: z.string() }) }),
            livenessProbe: z.object({ httpGet: z.object({ path: z.string(), port: z.string() }) }),
            env: z.array(z.looseObject({ name: z.string(), value: z.string().optional() })).default([]),
          }),
        ),
      }),
    }),
  }),
});

beforeAll(() => {
  helm = helmBinary(root);
}, 120_000);

describe('the Helm chart', () => {
  it('passes helm lint --strict', () => {
    const result = runHelm(['lint', '--strict', chart, ...SECRETS]);
    expect(result.stdout).toContain('0 chart(s) failed');
    expect(result.status).toBe(0);
  });

  it('renders only kinds whose Kubernetes schema accepts them, with and without vLLM', () => {
    for (const manifests of [render(...SECRETS), render(...SECRETS, '--set', 'vllm.enabled=true')]) {
      for (const manifest of manifests) {
        const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
        expect(Model, `${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
        expect(() => Model && new Model(manifest as never).validate()).not.toThrow();
      }
    }
  });

  it('gives every mmskills container an image built from a workspace, and probes /health on its port', () => {
    const workspaces = new Set(workspaceDirs(root));
    const deployments = render(...SECRETS).filter((m) => m.kind === 'Deployment');
    expect(deployments.length).toBe(2 + 11);
    for (const deployment of deployments) {
      for (const container of DeploymentShape.parse(deployment).spec.template.spec.containers) {
        const service = container.image.replace(/^mmskills\//, '').replace(/:.*$/, '');
        const workspace = service.startsWith('skill-') ? `skills/${service.slice(6)}` : service;
        expect(workspaces.has(workspace), `${container.image} has no workspace`).toBe(true);
        for (const probe of [container.readinessProbe, container.livenessProbe]) {
          expect(probe.httpGet.path).toBe('/health');
          expect(container.ports.map((port) => port.name)).toContain(probe.httpGet.port);
        }
        // The entry point listens on PORT (deploy/image/service.mjs): it must be the declared port.
        const port = container.env.find((variable) => variable.name === 'PORT')?.value;
        expect(Number(port)).toBe(container.ports[0]?.containerPort);
      }
    }
  });

  it("writes a host config the host's own schema accepts, each skill URL a rendered Service", () => {
    const manifests = render(...SECRETS);
    const data = z
      .object({ data: z.object({ 'mmskills.json': z.string() }) })
      .parse(named(manifests, 'ConfigMap', 'demo-mmskills-host'));
    const config = HostConfigSchema.parse(JSON.parse(data.data['mmskills.json']));
    expect(config.builtins).toBe(false);
    expect(Object.keys(config.skills ?? {})).toHaveLength(11);
    for (const server of Object.values(config.skills ?? {})) {
      const url = new URL(z.object({ url: z.string() }).parse(server).url);
      const service = z
        .object({ spec: z.object({ ports: z.array(z.object({ port: z.number() })) }) })
        .parse(named(manifests, 'Service', url.hostname));
      expect(service.spec.ports[0]?.port).toBe(Number(url.port));
    }
  });

  it('scales each skill with a HorizontalPodAutoscaler aimed at its Deployment', () => {
    const manifests = render(...SECRETS, '--set', 'skills.ocr.autoscaling.maxReplicas=9');
    const hpas = manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler');
    expect(hpas).toHaveLength(11);
    for (const hpa of hpas) {
      const { spec } = z
        .object({
          spec: z.object({ scaleTargetRef: z.object({ name: z.string() }), maxReplicas: z.number() }),
        })
        .parse(hpa);
      named(manifests, 'Deployment', spec.scaleTargetRef.name);
      expect(spec.maxReplicas).toBe(hpa.metadata.name === 'demo-mmskills-skill-ocr' ? 9 : 4);
    }
  });

  it('points the hosts at the in-chart vLLM with its GPU, or at an external OpenAI URL', () => {
    const lmmOf = (manifests: Manifest[]) =>
      DeploymentShape.parse(
        named(manifests, 'Deployment', 'demo-mmskills-host'),
      ).spec.template.spec.containers[0]?.env.find((variable) => variable.name === 'MMSKILLS_LMM')?.value;
    const withVllm = render(...SECRETS, '--set', 'vllm.enabled=true', '--set', 'vllm.gpus=2');
    expect(lmmOf(withVllm)).toBe(
      'openai:http://demo-mmskills-vllm:8000/v1,model=default,key-env=MMSKILLS_LMM_API_KEY,timeout=300',
    );
    expect(JSON.stringify(named(withVllm, 'Deployment', 'demo-mmskills-vllm'))).toContain(
      '"nvidia.com/gpu":2',
    );
    const external = render(
      ...SECRETS,
      '--set',
      'lmm.url=https://sglang.example/v1',
      '--set',
      'lmm.model=qwen',
    );
    expect(lmmOf(external)).toMatch(/^openai:https:\/\/sglang\.example\/v1,model=qwen,/);
    expect(lmmOf(render(...SECRETS))).toBeUndefined();
  });

  it('keeps keys in a Secret the pods read, and refuses to render without the host API keys', () => {
    const manifests = render(...SECRETS, '--set', 'secrets.hostDatabaseUrl=postgres://u:p@db/host');
    const secret = z
      .object({ stringData: z.record(z.string(), z.string()) })
      .parse(named(manifests, 'Secret', 'demo-mmskills-secrets'));
    expect(Object.keys(secret.stringData).sort()).toEqual([
      'host-api-keys',
      'host-database-url',
      'lmm-api-key',
    ]);
    const refs = JSON.stringify(manifests).match(/"secretKeyRef":\{[^}]*\}/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toContain('"name":"demo-mmskills-secrets"');
    for (const deployment of manifests.filter((m) => m.kind === 'Deployment')) {
      expect(JSON.stringify(deployment)).not.toContain('key-one');
    }

    const refused = runHelm(['template', 'demo', chart]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('secrets.hostApiKeys');
    // Hosts on their own SQLite files would each keep their own conversations.
    const alone = runHelm(['template', 'demo', chart, ...SECRETS, '--set', 'host.replicas=3']);
    expect(alone.stderr).toContain('host.replicas > 1 needs secrets.hostDatabaseUrl');
    const shared = render(
      ...SECRETS,
      '--set',
      'host.replicas=3',
      '--set',
      'secrets.hostDatabaseUrl=postgres://db/h',
    );
    expect(JSON.stringify(named(shared, 'Deployment', 'demo-mmskills-host'))).toContain('"replicas":3');
    const existing = render('--set', 'secrets.existingSecret=ops-made');
    expect(existing.some((m) => m.kind === 'Secret')).toBe(false);
    expect(JSON.stringify(existing)).toContain('"name":"ops-made"');
  });
});
