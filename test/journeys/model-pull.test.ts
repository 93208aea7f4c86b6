import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { llamaPresets, writeLlamaModel, writeMmproj } from '@mmskills/test-models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubStandIn } from './hub-stand-in.js';
import { REPO_ROOT, run, startServe } from './run.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
// What `npm install -g ./tools/cli` puts on the PATH, run from a folder outside the clone.
const MMSKILLS = join(REPO_ROOT, 'tools/cli/bin/mmskills.js');

describe('README: add a model in two commands (model pull, then start)', () => {
  const home = mkdtempSync(join(tmpdir(), 'journey-model-'));
  const hubFiles = join(home, 'hub');
  let hub: Awaited<ReturnType<typeof startHubStandIn>>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    mkdirSync(hubFiles);
    const model = join(hubFiles, 'tiny-vl-f16.gguf');
    const mmproj = join(hubFiles, 'mmproj-tiny-vl-f16.gguf');
    await writeLlamaModel(model, { ...llamaPresets.tiny, ctx: 16_384, type: 'f16', seed: 7 });
    await writeMmproj(mmproj, { textEmbd: llamaPresets.tiny.embd });
    const file = (path: string, name: string) => ({
      file: name,
      size: readFileSync(path).length,
      sha256: sha256(path),
    });
    const catalogue = join(home, 'catalogue.json');
    writeFileSync(
      catalogue,
      JSON.stringify([
        {
          name: 'tiny-vl',
          title: 'Tiny random-weight vision model',
          repo: 'test-org/tiny-vl-GGUF',
          licence: 'apache-2.0',
          model: file(model, 'tiny-vl-f16.gguf'),
          mmproj: file(mmproj, 'mmproj-tiny-vl-f16.gguf'),
        },
      ]),
    );
    hub = await startHubStandIn(hubFiles);
    env = {
      ...process.env,
      MMSKILLS_MODEL_BASE_URL: hub.url,
      MMSKILLS_MODEL_CATALOGUE: catalogue,
      MMSKILLS_MODEL_DIR: join(home, 'models'),
    };
  }, 120_000);
  afterAll(() => hub?.stop());

  it('pulls with progress and a checked sha256, records it, and the next start runs the host with it', async () => {
    const project = join(home, 'project');
    mkdirSync(project);
    const pulled = await run(process.execPath, [MMSKILLS, 'model', 'pull', 'tiny-vl'], { cwd: project, env });
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toContain('tiny-vl-f16.gguf: done, sha256 verified');
    expect(pulled.stdout).toContain('mmproj-tiny-vl-f16.gguf: done, sha256 verified');
    expect(pulled.stdout).toContain(`recorded in ${join(project, 'mmskills.json')}`);
    expect(pulled.stderr).toMatch(/tiny-vl-f16\.gguf: 100%/);
    expect(hub.served).toEqual(['tiny-vl-f16.gguf', 'mmproj-tiny-vl-f16.gguf']);
    const recorded = JSON.parse(readFileSync(join(project, 'mmskills.json'), 'utf8')) as { lmm: string };
    expect(recorded.lmm).toBe(
      `llama:${join(home, 'models/tiny-vl/tiny-vl-f16.gguf')},mmproj=${join(home, 'models/tiny-vl/mmproj-tiny-vl-f16.gguf')}`,
    );

    // `npm start` is `mmskills serve` in the clone; here the same command in the project folder.
    const served = await startServe(project, env);
    try {
      const health = (await (await fetch(`${served.hostUrl}/health`)).json()) as {
        model: Record<string, unknown> | null;
      };
      expect(health.model).toMatchObject({ backend: 'llama', vision: true });
      expect(String(health.model?.model)).toContain('tiny-vl-f16');
    } finally {
      served.stop();
    }
  }, 240_000);
});
