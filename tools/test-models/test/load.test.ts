import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodePng,
  type LlamaModelOptions,
  type LlamaModelSummary,
  testPicture,
  tinyVocab,
  writeLlamaModel,
  writeMmproj,
} from '../src/index.js';
import { type LlamaReport, runLlamaJob } from './llama-child.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const schema = {
  type: 'object',
  properties: { name: { enum: ['crop', 'resize'] }, ok: { type: 'boolean' } },
  required: ['name', 'ok'],
  additionalProperties: false,
};

async function model(name: string, options: LlamaModelOptions): Promise<[string, LlamaModelSummary]> {
  const path = join(dir, `${name}.gguf`);
  return [path, await writeLlamaModel(path, options)];
}

describe.each([
  { type: 'f32', options: {}, desc: /all F32/, fileType: '0' },
  { type: 'f16', options: { type: 'f16' }, desc: /F16/, fileType: '1' },
  { type: 'q8_0', options: { type: 'q8_0', vocabSize: 2048 }, desc: /Q8_0/, fileType: '7' },
] as const)('a tiny $type model in llama.cpp', ({ type, options, desc, fileType }) => {
  let summary: LlamaModelSummary;
  let report: LlamaReport;
  beforeAll(async () => {
    const [path, written] = await model(type, options);
    summary = written;
    report = await runLlamaJob({ model: path, chat: { text: 'Hello, who are you?', tokens: 8 } });
  });

  it('loads with the parameter count and file type that were written', () => {
    expect(report.nParams).toBe(summary.parameters);
    expect(report.desc).toMatch(desc);
    expect(report.metadata['general.file_type']).toBe(fileType);
    expect(report.metadata['tokenizer.chat_template']).toContain('<|im_start|>');
    expect(report.devices).toEqual([]);
  });

  it('answers a chat message with tokens and timings', () => {
    const chat = report.chat;
    expect(chat?.tokens_predicted).toBeGreaterThan(0);
    expect(chat?.tokens_predicted).toBeLessThanOrEqual(8);
    expect(chat?.timings.predicted_n).toBe(chat?.tokens_predicted);
    expect(chat?.timings.prompt_n).toBeGreaterThan(5);
    expect(chat?.timings.predicted_per_second).toBeGreaterThan(0);
  });
});

describe('the tiny vocabulary and grammar in llama.cpp', () => {
  let report: LlamaReport;
  beforeAll(async () => {
    const [path] = await model('vocab', {});
    report = await runLlamaJob({ model: path, schema, tokenize: ['true', '{"name": "crop"}'] });
  });

  it('tokenizes with the merges of the JSON-ish pieces', () => {
    const vocab = tinyVocab();
    const [trueTokens, objectTokens] = report.tokens ?? [];
    expect(trueTokens).toEqual([vocab.tokens.indexOf('true')]);
    const pieces = (objectTokens ?? []).map((id) => vocab.tokens[id]);
    expect(pieces.join('')).toBe('{"name":\u2581"crop"}');
    expect(pieces).toContain('{"');
    expect(pieces).toContain('name');
    expect(pieces.length).toBeLessThan(10);
  });

  it('constrains a completion to a JSON Schema', () => {
    // With messages, llama.cpp's chat parser returns the JSON in `content` (`text` may wrap it in a fence).
    const content = report.json?.content ?? '';
    expect(report.json?.text).toContain(content);
    const parsed = JSON.parse(content) as { name: unknown; ok: unknown };
    expect(Object.keys(parsed).sort()).toEqual(['name', 'ok']);
    expect(['crop', 'resize']).toContain(parsed.name);
    expect(typeof parsed.ok).toBe('boolean');
  });
});

describe('a tiny LLaVA projector in llama.cpp', () => {
  let report: LlamaReport;
  let imageTokens = 0;
  beforeAll(async () => {
    const [path, summary] = await model('vision', {});
    const mmproj = join(dir, 'mmproj.gguf');
    const png = join(dir, 'picture.png');
    imageTokens = (await writeMmproj(mmproj, { textEmbd: summary.shape.embd })).imageTokens;
    await writeFile(png, encodePng(testPicture()));
    report = await runLlamaJob({ model: path, vision: { mmproj, png } });
  });

  it('loads as a vision projector', () => {
    expect(report.vision?.initialised).toBe(true);
    expect(report.vision?.support).toEqual({ vision: true, audio: false });
  });

  it('puts the image into the prompt as its patch tokens and completes', () => {
    const { textOnly, withImage } = report.vision ?? {};
    const added = (withImage?.timings.prompt_n ?? 0) - (textOnly?.timings.prompt_n ?? 0);
    expect(imageTokens).toBe(16);
    // The image's tokens, plus the newline that joins the text and image parts.
    expect(added).toBeGreaterThanOrEqual(imageTokens);
    expect(added).toBeLessThanOrEqual(imageTokens + 2);
    expect(withImage?.tokens_predicted).toBeGreaterThan(0);
  });
});

describe('back-to-back completions', () => {
  it('run through the parallel API without tripping over each other', async () => {
    const [path] = await model('repeat', {});
    const report = await runLlamaJob({ model: path, repeat: 10 });
    expect(report.repeated).toEqual(new Array(10).fill(2));
  });
});
