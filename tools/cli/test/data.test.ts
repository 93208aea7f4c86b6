import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLogger, parseTurn } from '@mmskills/core';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { parseSamples } from '@mmskills/data';
import { builtinSkillServers, createHost, createScriptedBackend, HostConfigSchema } from '@mmskills/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const photos = new URL('../../../test/photos', import.meta.url).pathname;

async function mmskills(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = promisify(execFile)(
    process.execPath,
    [...tsxArgs(new URL('../src/bin.ts', import.meta.url)), ...args],
    {
      maxBuffer: 16 << 20,
      timeout: 240_000,
    },
  );
  return run.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

describe('mmskills data generate and mmskills eval, as spawned commands', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mmskills-data-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('generates the same files twice for one seed, in every format', async () => {
    const args = [
      'data',
      'generate',
      '--images',
      photos,
      '--skills',
      'image,ocr',
      '--count',
      '8',
      '--seed',
      '5',
    ];
    const first = await mmskills(...args, '--out', join(dir, 'a.jsonl'));
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^surveyed 6 pictures in \d+\.\d s$/m);
    expect(first.stdout).toContain(`wrote 8 samples (llava) to ${join(dir, 'a.jsonl')}`);
    const made = await readdir(join(dir, 'images'));
    // A second run in another folder: same samples, same pictures, byte for byte.
    const second = await mmskills(...args, '--out', join(dir, 'again', 'b.jsonl'));
    expect(second.code).toBe(0);
    const text = await readFile(join(dir, 'a.jsonl'), 'utf8');
    expect(await readFile(join(dir, 'again', 'b.jsonl'), 'utf8')).toBe(text);
    expect(await readdir(join(dir, 'again', 'images'))).toEqual(made);
    for (const name of made) {
      const [a, b] = await Promise.all(
        [join(dir, 'images', name), join(dir, 'again', 'images', name)].map((path) => readFile(path)),
      );
      expect(a?.equals(b as Buffer), name).toBe(true);
    }
    const samples = parseSamples(text);
    expect(
      samples
        .flatMap((sample) => [sample.image ?? []].flat())
        .every((path) => made.includes(path.replace(/^images\//, ''))),
    ).toBe(true);
    const openai = await mmskills(...args, '--format', 'openai', '--out', join(dir, 'c.jsonl'));
    expect(openai.code).toBe(0);
    expect(parseSamples(await readFile(join(dir, 'c.jsonl'), 'utf8'))).toEqual(samples);
    const sharegpt = await mmskills(...args, '--format', 'sharegpt', '--out', join(dir, 'd.jsonl'));
    expect(sharegpt.stdout).toContain(`LLaMA-Factory: "d" added to ${join(dir, 'dataset_info.json')}`);
    expect(parseSamples(await readFile(join(dir, 'd.jsonl'), 'utf8'))).toEqual(samples);
    expect(JSON.parse(await readFile(join(dir, 'dataset_info.json'), 'utf8')).d).toMatchObject({
      file_name: 'd.jsonl',
      formatting: 'sharegpt',
    });
  }, 600_000);

  it('evaluates a scripted model on the generated samples and reports what it got right', async () => {
    const samples = parseSamples(await readFile(join(dir, 'a.jsonl'), 'utf8'));
    const expected = samples.map((sample) => parseTurn(sample.conversations[1]?.value ?? '').actions);
    // The model always makes the first tool sample's call: right there, wrong on the others.
    const scripted = expected.find((actions) => actions.length > 0)?.[0] as { API_name: string };
    await writeFile(
      join(dir, 'turns.json'),
      JSON.stringify({ turns: [{ thoughts: 't', actions: [scripted], value: 'v' }] }),
    );
    const result = await mmskills(
      'eval',
      '--data',
      join(dir, 'a.jsonl'),
      '--images',
      dir,
      '--skills',
      'image,ocr',
      '--lmm',
      `scripted:${join(dir, 'turns.json')}`,
      '--json',
      join(dir, 'report.json'),
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const right = expected.filter((actions) => JSON.stringify(actions) === JSON.stringify([scripted])).length;
    const selected = expected.filter(
      (actions) => actions.length === 1 && actions[0]?.API_name === scripted.API_name,
    ).length;
    expect(right).toBeGreaterThan(0);
    expect(selected).toBeLessThan(8);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(report.overall).toEqual({
      samples: 8,
      toolSelection: selected / 8,
      argumentValidity: 1,
      apiNameMatch: selected / 8,
      apiParamsMatch: right / 8,
      predictedActions: 8,
      validActions: 8,
      unreadable: 0,
    });
    expect(result.stdout).toMatch(/^skill\s+samples\s+tool selection\s+argument validity/m);
    expect(result.stdout).toMatch(/^overall\s+8\s/m);
  }, 300_000);

  it('exports what the host recorded with --record', async () => {
    const records = join(dir, 'records');
    const config = HostConfigSchema.parse({
      skills: { image: builtinSkillServers().image },
      record: records,
    });
    const turns = [
      {
        thoughts: 'image_info measures it.',
        actions: [{ API_name: 'image_info', API_params: { image: 'image_1' } }],
        value: 'Measuring.',
      },
      { thoughts: 'Done.', actions: [], value: 'It is 451×300 pixels.' },
    ];
    const host = await createHost(config, {
      log: createLogger('test', { level: 'silent' }),
      backend: createScriptedBackend({ turns }),
    });
    const photo = { data: await readFile(photoPath('chelsea')), mimeType: 'image/png' };
    for await (const _event of host.run(host.newConversation(), {
      text: 'How big is it?',
      images: [photo],
    })) {
      // Draining the events runs the exchange to its end.
    }
    await host.close();
    const result = await mmskills(
      'data',
      'traces',
      '--from',
      records,
      '--out',
      join(dir, 'traces.jsonl'),
      '--format',
      'openai',
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('wrote 1 sample (openai)');
    const [sample] = parseSamples(await readFile(join(dir, 'traces.jsonl'), 'utf8'));
    expect(sample?.conversations.map((turn) => turn.from)).toEqual(['human', 'gpt', 'human', 'gpt']);
    expect(parseTurn(sample?.conversations[3]?.value ?? '').value).toBe('It is 451×300 pixels.');
    expect(await readFile(join(records, sample?.image as string))).toEqual(photo.data);
  }, 120_000);

  it.each([
    [['data', 'generate', '--images', '/no/such/folder'], /--images \/no\/such\/folder is not a folder/],
    [
      ['data', 'generate', '--images', photos, '--skills', 'ocr,teleport'],
      /unknown teleport; the built-in skills are/,
    ],
    [
      ['data', 'generate', '--images', photos, '--format', 'yaml'],
      /--format yaml: expected llava, openai or sharegpt/,
    ],
    [['data', 'generate', '--images', photos, '--count', '0'], /--count 0: expected a whole number/],
    [['data', 'traces', '--from', '/no/such/records'], /--from \/no\/such\/records does not exist/],
    [['data', 'shuffle'], /data needs generate or traces/],
  ])(
    'refuses %j with exit 2 and writes nothing',
    async (args, message) => {
      const out = join(dir, 'refused.jsonl');
      const result = await mmskills(...args, '--out', out);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    },
    60_000,
  );

  it('refuses eval input it cannot use with exit 2', async () => {
    await writeFile(join(dir, 'bad.jsonl'), '{"id": "x"}\n');
    const bad = await mmskills('eval', '--data', join(dir, 'bad.jsonl'), '--lmm', 'scripted:x.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/sample 1 is neither a LLaVA sample/);
    const spec = await mmskills('eval', '--data', join(dir, 'a.jsonl'), '--lmm', 'gpt:4');
    expect(spec.code).toBe(2);
    expect(spec.stderr).toMatch(/--lmm "gpt:4": expected llama:/);
  }, 60_000);
});
