import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { llamaPresets, writeLlamaModel, writeMmproj } from '@mmskills/test-models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentPart } from '../src/lmm/backend.js';
import { LmmChild } from './fixtures/lmm-client.js';

const ask = (text: string) => ({ messages: [{ role: 'user' as const, content: text }], maxTokens: 4 });

// A picture llama.cpp cannot decode leaves its context unusable, so the backend reopens the model.
// With the model file gone meanwhile that reopen fails; the backend must not go on with the
// context it released (llama.cpp would read freed memory), and must recover once the file is back.
describe('the llama backend after a failed reopen', () => {
  let lmm: LmmChild;
  let model: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llama-reopen-'));
    model = join(dir, 'tiny.gguf');
    const mmproj = join(dir, 'mmproj.gguf');
    await writeLlamaModel(model, { ...llamaPresets.tiny, type: 'f16', seed: 5 });
    await writeMmproj(mmproj, { textEmbd: llamaPresets.tiny.embd });
    lmm = await LmmChild.start(`llama:${model},mmproj=${mmproj},gpu=cpu,ctx=2048,threads=2`);
  }, 120_000);

  afterAll(async () => {
    await lmm?.close();
  });

  it('says the model could not be reopened, then serves again once it can', async () => {
    renameSync(model, `${model}.away`);
    const broken: ContentPart = { type: 'image', data: Buffer.from('not a png'), mimeType: 'image/png' };
    await expect(
      lmm.chat({ messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, broken] }] }),
    ).rejects.toMatchObject({ code: 'model_failed', message: expect.stringMatching(/llama\.cpp failed/) });

    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(lmm.chat(ask('hello'))).rejects.toMatchObject({
        code: 'model_failed',
        message: expect.stringContaining('could not be reopened'),
      });
    }

    renameSync(`${model}.away`, model);
    const after = await lmm.chat(ask('hello again'));
    expect(after.usage.completionTokens).toBeGreaterThan(0);
  }, 120_000);
});

// llama.node crashes the process when llama.cpp cannot load a file; the host checks it first.
describe('a model file llama.cpp cannot load', () => {
  const start = async (lmm: string) => {
    const child = spawn(
      process.execPath,
      [...tsxArgs(new URL('../src/bin.ts', import.meta.url)), '--port', '0', '--lmm', lmm],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    return { code, signal, stderr };
  };

  it('stops the host with a message naming the file, never a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llama-bad-'));
    const whole = join(dir, 'whole.gguf');
    await writeLlamaModel(whole, { ...llamaPresets.tiny, type: 'f16', seed: 5 });
    const cut = join(dir, 'cut.gguf');
    writeFileSync(cut, readFileSync(whole).subarray(0, statSync(whole).size - 4096));
    const notGguf = join(dir, 'notes.gguf');
    writeFileSync(notGguf, 'these are my notes');
    const cases = [
      [join(dir, 'missing.gguf'), /missing\.gguf: no such file/],
      [cut, /cut\.gguf: the tensor .*cut short/],
      [notGguf, /notes\.gguf: .*GGUF/],
      [`${whole},mmproj=${notGguf}`, /vision projector .*notes\.gguf/],
    ] as const;
    for (const [file, message] of cases) {
      const run = await start(`llama:${file},gpu=cpu,threads=2`);
      expect({ code: run.code, signal: run.signal }, run.stderr).toEqual({ code: 1, signal: null });
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  }, 120_000);
});
