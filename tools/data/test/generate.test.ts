import { fillAnswerTemplate, parseTurn, renderTurn, toolExamplesOf } from '@mmskills/core';
import type { SkillPool } from '@mmskills/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinPool } from '../src/builtin-pool.js';
import { generateSamples, type MadeImage } from '../src/generate.js';
import { parseSamples, type Sample, toJsonl } from '../src/sample.js';

const photos = new URL('../../../test/photos', import.meta.url).pathname;
// The host's observation, then a line and an <image> for each picture a tool returned.
const OBSERVATION =
  /^(\w+) model outputs: (.*)\n\nPlease summarize the model outputs and answer my first question: (.*?)((?:\n<image_\d+> from \w+\/\w+:<image>)*)$/s;

describe('generate on the committed photos with the real skills', () => {
  let pool: SkillPool;
  let first: Sample[];
  let made: MadeImage[];
  let jsonl: string;

  beforeAll(async () => {
    pool = builtinPool(['image', 'ocr', 'detect', 'face', 'pose'], { source: true });
    const result = await generateSamples({ pool, imagesDir: photos, count: 18, seed: 'issue-10' });
    first = result.samples;
    made = result.made;
    jsonl = toJsonl(first, 'llava');
    expect(result.skipped).toEqual([]);
  }, 300_000);

  afterAll(async () => {
    await pool.close();
  });

  it('publishes several examples for every built-in tool in tools/list', async () => {
    const tools = await pool.tools();
    expect(tools.length).toBe(11);
    for (const entry of tools)
      expect(toolExamplesOf(entry.tool).length, entry.name).toBeGreaterThanOrEqual(3);
  });

  it('mixes single-tool, grounded, zoom, multi-step and no-tool samples, each in LLaVA-Plus shape', () => {
    expect(first).toHaveLength(18);
    const kinds = first.map((sample) => sample.id.split(':')[1]);
    const share = (kind: string) => kinds.filter((entry) => entry === kind).length;
    expect(new Set(kinds)).toEqual(new Set(['tool', 'ask', 'chain', 'zoom', 'negative', 'none']));
    expect([share('chain'), share('none'), share('zoom'), share('negative')]).toEqual([5, 3, 3, 2]);
    expect(first.some((sample) => sample.conversations.length >= 6)).toBe(true);
    for (const sample of first) {
      expect(sample.conversations[0]?.value).toMatch(/^<image>\n<image_1> \S/);
      expect(sample.conversations.map((turn) => turn.from)).toEqual(
        sample.conversations.map((_, i) => (i % 2 === 0 ? 'human' : 'gpt')),
      );
    }
    expect(parseSamples(jsonl)).toEqual(first);
  });

  it('writes turns that round-trip through the unified-format parser and observations as the host writes them', () => {
    for (const sample of first) {
      const question = sample.conversations[0]?.value.replace(/^<image>\n<image_1> /, '');
      let shown = 0;
      sample.conversations.forEach((turn, i) => {
        if (turn.from === 'gpt') {
          expect(renderTurn(parseTurn(turn.value))).toBe(turn.value);
        } else if (i > 0) {
          const match = OBSERVATION.exec(turn.value);
          expect(match?.[3]).toBe(question);
          const previous = parseTurn(sample.conversations[i - 1]?.value ?? '');
          expect(match?.[1]).toBe(previous.actions[0]?.API_name);
          // Every picture the tool returned is shown, under the handle its output names.
          const handles = (JSON.parse(match?.[2] ?? '{}').new_images ?? []) as string[];
          expect(match?.[4]).toBe(
            handles
              .map(
                (handle) =>
                  `\n<${handle}> from ${/from (\w+\/)/.exec(match?.[4] ?? '')?.[1]}${match?.[1]}:<image>`,
              )
              .join(''),
          );
          shown += handles.length;
        }
      });
      expect(typeof sample.image === 'string' ? 1 : sample.image?.length).toBe(1 + shown);
      const last = parseTurn(sample.conversations.at(-1)?.value ?? '');
      expect(last.actions).toEqual([]);
    }
  });

  it('fills the final answer of a single-tool sample from the real tool output', async () => {
    const tools = await pool.tools();
    for (const sample of first.filter((entry) => entry.id.includes(':tool:'))) {
      const [, , name, n] = sample.id.split(':');
      const example = toolExamplesOf(tools.find((entry) => entry.name === name)?.tool ?? {})[Number(n)];
      const output = JSON.parse(OBSERVATION.exec(sample.conversations[2]?.value ?? '')?.[2] ?? 'null');
      expect(parseTurn(sample.conversations[1]?.value ?? '').actions).toEqual([
        { API_name: name, API_params: example?.API_params },
      ]);
      expect(parseTurn(sample.conversations[3]?.value ?? '').value).toBe(
        fillAnswerTemplate(example?.answer ?? '', output),
      );
    }
  });

  it('gives byte-identical output for the same seed and other samples for another', async () => {
    const again = await generateSamples({ pool, imagesDir: photos, count: 18, seed: 'issue-10' });
    expect(toJsonl(again.samples, 'llava')).toBe(jsonl);
    expect(again.made.map((image) => [image.name, image.data])).toEqual(
      made.map((image) => [image.name, image.data]),
    );
    const other = await generateSamples({ pool, imagesDir: photos, count: 18, seed: 'another seed' });
    expect(other.samples.map((sample) => sample.id)).not.toEqual(first.map((sample) => sample.id));
  }, 300_000);

  it('refuses a folder without pictures, naming it', async () => {
    await expect(generateSamples({ pool, imagesDir: `${photos}/../`, count: 1, seed: 1 })).rejects.toThrow(
      /has no \.png, \.jpg or \.webp picture/,
    );
  });
});
