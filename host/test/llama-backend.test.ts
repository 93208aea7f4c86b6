import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening } from '@mmskills/skill-kit/testing';
import { llamaPresets, writeLlamaModel, writeMmproj } from '@mmskills/test-models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skills } from './fixtures/hosts.js';

// llama.cpp writes its logs straight to stdout/stderr, so the backend runs inside a real host
// process whose output is not the test's.
describe('the llama backend in a real host, with tiny random-weight models', () => {
  let host: ListeningProcess;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llama-host-'));
    const model = join(dir, 'tiny.gguf');
    const mmproj = join(dir, 'mmproj.gguf');
    const tiny = llamaPresets.tiny;
    await writeLlamaModel(model, { ...tiny, ctx: 16_384, type: 'f16', seed: 7 });
    await writeMmproj(mmproj, { textEmbd: tiny.embd });
    const config = join(dir, 'mmskills.json');
    writeFileSync(
      config,
      JSON.stringify({ skills: skills('image'), agent: { maxSteps: 2, maxTokens: 1200 } }),
    );
    const lmm = `llama:${model},mmproj=${mmproj},gpu=cpu,ctx=16384,threads=2`;
    host = await spawnListening(
      [
        ...tsxArgs(new URL('../src/bin.ts', import.meta.url)),
        '--port',
        '0',
        '--config',
        config,
        '--lmm',
        lmm,
      ],
      process.env,
    );
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
  });

  it('reports the model, its vision projector and the device it really uses', async () => {
    const health = (await (await fetch(`${host.url}/health`)).json()) as { model: Record<string, unknown> };
    expect(health.model).toMatchObject({ backend: 'llama', device: 'CPU', vision: true, constrained: true });
  });

  it('runs a whole image turn where every constrained turn parses and every action runs', async () => {
    const image = `data:image/png;base64,${(await readFile(photoPath('coffee'))).toString('base64')}`;
    const response = await fetch(`${host.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'How big is this picture?' },
              { type: 'image_url', image_url: { url: image } },
            ],
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const { mmskills } = (await response.json()) as {
      mmskills: { steps: Array<{ type: string; actions?: unknown[]; message?: string }> };
    };
    const types = mmskills.steps.map((step) => step.type);
    const errors = mmskills.steps.filter((step) => step.type === 'error');
    expect(errors, JSON.stringify(errors)).toEqual([]);
    expect(types.at(-1)).toBe('answer');
    const actions = mmskills.steps.flatMap((step) => (step.type === 'action' ? (step.actions ?? []) : []));
    expect(types.filter((type) => type === 'observation')).toHaveLength(actions.length);
  }, 120_000);
});
