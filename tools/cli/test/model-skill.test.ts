import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveSkillModel, type SkillModelInput, SkillModelSchema } from '@mmskills/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { modelCommand } from '../src/commands/model.js';
import { bytesFrom, sha256, startServer } from './hf-like-server.js';

const files = {
  'config.json': Buffer.from('{"model_type":"sam"}\n'),
  'preprocessor_config.json': Buffer.from('{"do_resize":true,"longest_edge":1024}\n'),
  'onnx/vision_encoder_quantized.onnx': bytesFrom(3, 600_000),
  'onnx/prompt_encoder_mask_decoder_quantized.onnx': bytesFrom(5, 250_000),
};
const decoder = files['onnx/prompt_encoder_mask_decoder_quantized.onnx'];
const encoder = files['onnx/vision_encoder_quantized.onnx'];

const skillModels: SkillModelInput[] = [
  {
    name: 'tiny-sam',
    skill: 'sam',
    title: 'Tiny SlimSAM',
    family: 'slimsam',
    repo: 'test-org/tiny-sam',
    licence: 'apache-2.0',
    default: true,
    files: [
      { file: 'config.json' },
      { file: 'preprocessor_config.json' },
      { file: 'onnx/vision_encoder_quantized.onnx' },
      {
        file: 'onnx/prompt_encoder_mask_decoder_quantized.onnx',
        size: decoder.length,
        sha256: sha256(decoder),
      },
    ],
  },
  {
    name: 'tiny-sam-config',
    skill: 'sam',
    title: 'Tiny SAM, config only',
    family: 'sam',
    repo: 'test-org/tiny-sam-config',
    licence: 'mit',
    files: [{ file: 'config.json' }],
  },
];

describe('mmskills model pull <skill model>', () => {
  const { server, hits, settings } = startServer(files);
  let baseUrl: string;
  let cacheDir: string;
  let lines: string[];
  const out = (line: string) => lines.push(line);
  const stderr = { isTTY: false, write: () => true };
  const run = (argv: string[], extra: Parameters<typeof modelCommand>[2] = {}) =>
    modelCommand(argv, out, {
      cacheDir,
      catalogue: [],
      skillModels,
      stderr,
      baseUrl,
      configFile: join(cacheDir, 'mmskills.json'),
      ...extra,
    });
  const path = (file: string) => join(cacheDir, 'tiny-sam', file);

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'mmskills-skill-models-'));
    lines = [];
    hits.length = 0;
    Object.assign(settings, { honourRange: true, checksumHeaders: true });
    settings.corrupt.clear();
  });
  afterEach(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('lands every file, nested folders included, each checked, and writes no host config', async () => {
    expect(await run(['pull', 'tiny-sam'])).toBe(0);
    for (const [file, bytes] of Object.entries(files)) {
      expect(sha256(await readFile(path(file))), file).toBe(sha256(bytes));
      expect(existsSync(`${path(file)}.part`)).toBe(false);
    }
    expect(lines).toEqual([
      'config.json: downloading',
      "config.json: done, git blob sha1 verified against the hub's ETag",
      'preprocessor_config.json: downloading',
      "preprocessor_config.json: done, git blob sha1 verified against the hub's ETag",
      'onnx/vision_encoder_quantized.onnx: downloading',
      "onnx/vision_encoder_quantized.onnx: done, sha256 verified against the hub's X-Linked-Etag",
      'onnx/prompt_encoder_mask_decoder_quantized.onnx: downloading (250 kB)',
      'onnx/prompt_encoder_mask_decoder_quantized.onnx: done, sha256 verified',
      `tiny-sam is ready in ${join(cacheDir, 'tiny-sam')} (licence: apache-2.0)`,
      'the sam skill will use it (its default model)',
    ]);
    expect(existsSync(join(cacheDir, 'mmskills.json'))).toBe(false);
    const models = skillModels.map((model) => SkillModelSchema.parse(model));
    const found = resolveSkillModel({ skill: 'sam', flag: '--model', envVar: 'X', cacheDir, models });
    expect(found).toMatchObject({
      dir: join(cacheDir, 'tiny-sam'),
      source: 'cache',
      model: { name: 'tiny-sam' },
    });

    lines = [];
    expect(await run(['pull', 'tiny-sam-config'])).toBe(0);
    expect(lines.at(-1)).toBe(
      'start the sam skill with --model tiny-sam-config to use it (its default is tiny-sam)',
    );
  });

  it('resumes an interrupted pull from its .part and finishes a whole one without downloading it again', async () => {
    const controller = new AbortController();
    const interrupting = { isTTY: false, write: () => controller.abort() };
    await expect(
      run(['pull', 'tiny-sam'], { stderr: interrupting, signal: controller.signal }),
    ).rejects.toThrow(/^interrupted; kept .* in .*config\.json\.part, run the same pull/);
    await mkdir(dirname(path('onnx/x')), { recursive: true });
    await writeFile(`${path('onnx/vision_encoder_quantized.onnx')}.part`, encoder.subarray(0, 200_000));
    await writeFile(`${path('onnx/prompt_encoder_mask_decoder_quantized.onnx')}.part`, decoder);
    hits.length = 0;
    expect(await run(['pull', 'tiny-sam'])).toBe(0);
    expect(lines).toContain('onnx/vision_encoder_quantized.onnx: resuming at 200 kB');
    expect(hits.find((hit) => hit.path === '/cdn/onnx/vision_encoder_quantized.onnx')).toMatchObject({
      range: 'bytes=200000-',
      status: 206,
      sent: encoder.length - 200_000,
    });
    // A whole .part whose sha256 the catalogue has is checked and renamed with no request at all.
    expect(hits.some((hit) => hit.path.includes('prompt_encoder'))).toBe(false);
    for (const [file, bytes] of Object.entries(files))
      expect(sha256(await readFile(path(file)))).toBe(sha256(bytes));
  });

  it('asks the hub for the checksum of a whole .part the catalogue has none for (416 at its end)', async () => {
    await mkdir(dirname(path('onnx/x')), { recursive: true });
    await writeFile(`${path('onnx/vision_encoder_quantized.onnx')}.part`, encoder);
    expect(await run(['pull', 'tiny-sam'])).toBe(0);
    expect(hits.find((hit) => hit.path === '/cdn/onnx/vision_encoder_quantized.onnx')).toMatchObject({
      status: 416,
      sent: 0,
    });
    expect(lines).toContain(
      "onnx/vision_encoder_quantized.onnx: done, sha256 verified against the hub's X-Linked-Etag",
    );
    // A small file's 416 carries no checksum, so a whole .part of it is fetched again and checked.
    await mkdir(join(cacheDir, 'tiny-sam-config'), { recursive: true });
    await writeFile(join(cacheDir, 'tiny-sam-config', 'config.json.part'), files['config.json']);
    hits.length = 0;
    lines = [];
    expect(await run(['pull', 'tiny-sam-config'])).toBe(0);
    expect(hits.map((hit) => hit.status)).toEqual([416, 200]);
    expect(lines).toContain("config.json: done, git blob sha1 verified against the hub's ETag");
  });

  it.each([
    [
      'onnx/vision_encoder_quantized.onnx',
      /^sha256 mismatch for onnx\/vision_encoder_quantized\.onnx: expected [0-9a-f]{64} \(the hub's X-Linked-Etag\), got [0-9a-f]{64}; the download was deleted, run pull again$/,
    ],
    [
      'config.json',
      /^git blob sha1 mismatch for config\.json: expected [0-9a-f]{40} \(the hub's ETag\), got [0-9a-f]{40}; the download was deleted/,
    ],
  ])('refuses %s when its bytes do not match the hub checksum, leaving no file', async (file, message) => {
    settings.corrupt.add(file);
    await expect(run(['pull', 'tiny-sam'])).rejects.toThrow(message);
    expect(existsSync(path(file))).toBe(false);
    expect(existsSync(`${path(file)}.part`)).toBe(false);
  });

  it('takes the mirror from --mirror, then HF_ENDPOINT, and says when the server gives no checksum', async () => {
    settings.checksumHeaders = false;
    const closed = 'http://127.0.0.1:9';
    expect(await run(['pull', 'tiny-sam-config', '--mirror', baseUrl], { baseUrl: closed })).toBe(0);
    expect(lines).toContain(
      'config.json: done, no checksum to verify (none in the catalogue, none from the server)',
    );
    const saved = { base: process.env.MMSKILLS_MODEL_BASE_URL, hf: process.env.HF_ENDPOINT };
    delete process.env.MMSKILLS_MODEL_BASE_URL;
    process.env.HF_ENDPOINT = baseUrl;
    try {
      await rm(join(cacheDir, 'tiny-sam-config'), { recursive: true });
      expect(await run(['pull', 'tiny-sam-config'], { baseUrl: undefined })).toBe(0);
      expect((await stat(join(cacheDir, 'tiny-sam-config', 'config.json'))).size).toBe(
        files['config.json'].length,
      );
      await expect(run(['pull', 'tiny-sam', '--mirror', 'ftp://x'])).rejects.toMatchObject({ exitCode: 2 });
    } finally {
      if (saved.base !== undefined) process.env.MMSKILLS_MODEL_BASE_URL = saved.base;
      if (saved.hf === undefined) delete process.env.HF_ENDPOINT;
      else process.env.HF_ENDPOINT = saved.hf;
    }
  });

  it('lists skill models with skill, family, size, licence and cache state, as text and JSON', async () => {
    await run(['list']);
    expect(lines[0]).toMatch(/^NAME +SIZE +LICENCE +CACHED +MODEL$/);
    expect(lines).toContain('');
    expect(lines.find((line) => line.startsWith('SKILL MODEL'))).toMatch(
      /^SKILL MODEL +SKILL +FAMILY +SIZE +LICENCE +CACHED +MODEL$/,
    );
    expect(lines.find((line) => line.startsWith('tiny-sam '))).toMatch(
      /^tiny-sam +sam +slimsam +\? +apache-2\.0 +no +Tiny SlimSAM \(default\), test-org\/tiny-sam$/,
    );
    await mkdir(dirname(path('onnx/x')), { recursive: true });
    await writeFile(`${path('onnx/vision_encoder_quantized.onnx')}.part`, encoder.subarray(0, 10));
    lines = [];
    await run(['list']);
    expect(lines.find((line) => line.startsWith('tiny-sam '))).toMatch(/ partial /);
    await run(['pull', 'tiny-sam']);
    lines = [];
    await run(['list', '--json']);
    const listed = JSON.parse(lines.join('\n'));
    expect(listed.skills).toMatchObject([
      {
        name: 'tiny-sam',
        skill: 'sam',
        family: 'slimsam',
        size: null,
        default: true,
        cached: { state: 'complete' },
      },
      { name: 'tiny-sam-config', licence: 'mit', default: false, cached: { state: 'missing' } },
    ]);
    expect(listed.skills[0].dir).toBe(join(cacheDir, 'tiny-sam'));
  });

  it('refuses a catalogue whose file path would climb out of the model folder', async () => {
    const hostile = [
      { ...skillModels[1], name: 'evil', files: [{ file: '../../outside.onnx' }] },
    ] as SkillModelInput[];
    await expect(run(['pull', 'evil'], { skillModels: hostile })).rejects.toThrow(
      /^invalid skill model catalogue: 0\.files\.0\.file: a relative path of plain names/,
    );
    expect(hits).toEqual([]);
  });
});
