import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { llamaPresets, writeLlamaModel, writeMmproj } from '@mmskills/test-models';
import { afterAll, beforeAll } from 'vitest';
import { createOpenAiBackend } from '../src/lmm/openai.js';
import { LmmChild } from './fixtures/lmm-client.js';
import { serveOpenAiCompatible } from './fixtures/model-server.js';
import { lmmContract } from './lmm.contract.js';

// The backends that run a model, held to the contract on llama.cpp with tiny random-weight models
// (a text model and its vision projector, written by @mmskills/test-models): `llama` in a child
// process (llama.cpp logs to stdout), and `openai` against an OpenAI-compatible server whose
// model is that same llama.cpp, so the schema it sends is the one the model is constrained by.
const dir = mkdtempSync(join(tmpdir(), 'lmm-contract-'));
const model = join(dir, 'tiny.gguf');
const mmproj = join(dir, 'mmproj.gguf');
const spec = `llama:${model},mmproj=${mmproj},gpu=cpu,ctx=4096,threads=2`;
let server: { url: string; close(): Promise<void> };
let serverModel: LmmChild;

beforeAll(async () => {
  await writeLlamaModel(model, { ...llamaPresets.tiny, type: 'f16', seed: 3 });
  await writeMmproj(mmproj, { textEmbd: llamaPresets.tiny.embd });
  serverModel = await LmmChild.start(spec);
  server = await serveOpenAiCompatible(serverModel);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await serverModel?.close();
});

lmmContract('llama', { vision: true, constrained: true }, () => LmmChild.start(spec));
lmmContract('openai', { vision: true, constrained: true }, async () =>
  createOpenAiBackend({ baseUrl: server.url, model: 'tiny', retries: 0 }),
);
