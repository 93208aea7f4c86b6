import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AnyBox, iou } from '@mmskills/core';
import type { SkillPool } from '@mmskills/host';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerItem } from '../src/answers/item.js';
import { parseAnswerItems } from '../src/answers/read-items.js';
import { makeAnswerSet, SET_SIZES } from '../src/answers/set/make-set.js';
import { SHAPE_COLOURS, type ShapeColour } from '../src/answers/set/scene.js';
import { builtinPool } from '../src/builtin-pool.js';

const photos = new URL('../../../test/photos', import.meta.url).pathname;

interface Blob {
  colour: ShapeColour;
  kind: 'circle' | 'square' | 'triangle';
  box: AnyBox;
  cx: number;
  cy: number;
}

/** The shapes in a drawn picture, found from its pixels alone: blobs of one palette colour, by how they fill their box. */
async function blobsIn(path: string): Promise<Blob[]> {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const palette = Object.entries(SHAPE_COLOURS) as Array<[ShapeColour, readonly number[]]>;
  const label = new Int8Array(info.width * info.height).fill(-1);
  for (let i = 0; i < label.length; i += 1) {
    const pixel = [data[i * 3], data[i * 3 + 1], data[i * 3 + 2]] as number[];
    if (pixel.every((v) => v > 235)) continue;
    const near = palette.findIndex(([, rgb]) => rgb.every((v, c) => Math.abs(v - (pixel[c] as number)) < 30));
    label[i] = near;
  }
  const seen = new Uint8Array(label.length);
  const blobs: Blob[] = [];
  for (let start = 0; start < label.length; start += 1) {
    if (label[start] === -1 || seen[start]) continue;
    const stack = [start];
    seen[start] = 1;
    let [area, x1, y1, x2, y2, sx, sy] = [0, info.width, info.height, 0, 0, 0, 0];
    while (stack.length > 0) {
      const at = stack.pop() as number;
      const x = at % info.width;
      const y = Math.floor(at / info.width);
      [area, sx, sy] = [area + 1, sx + x, sy + y];
      [x1, y1, x2, y2] = [Math.min(x1, x), Math.min(y1, y), Math.max(x2, x + 1), Math.max(y2, y + 1)];
      for (const next of [at - 1, at + 1, at - info.width, at + info.width]) {
        if (next >= 0 && next < label.length && !seen[next] && label[next] === label[start]) {
          seen[next] = 1;
          stack.push(next);
        }
      }
    }
    if (area < 200) continue;
    const fill = area / ((x2 - x1) * (y2 - y1));
    const kind = fill > 0.93 ? 'square' : fill > 0.65 ? 'circle' : 'triangle';
    const colour = palette[label[start] as number]?.[0] as ShapeColour;
    const box: AnyBox = [x1 / info.width, y1 / info.height, x2 / info.width, y2 / info.height];
    blobs.push({ colour, kind, box, cx: sx / area, cy: sy / area });
  }
  return blobs;
}

describe('the made evaluation set', () => {
  let dir: string;
  let items: AnswerItem[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'answers-set-'));
    items = (await makeAnswerSet({ out: join(dir, 'a'), seed: 7, photos })).items;
    await makeAnswerSet({ out: join(dir, 'b'), seed: 7, photos });
    await makeAnswerSet({ out: join(dir, 'c'), seed: 8, photos });
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is the same bytes for the same seed, and another set for another seed', async () => {
    const files = (await readdir(join(dir, 'a'), { recursive: true })).filter((name) => name.includes('.'));
    // Each drawn item's picture, items.jsonl, and the five distinct photos.
    expect(files.length).toBe(items.filter((item) => item.category !== 'photo').length + 1 + 5);
    for (const name of files) {
      // Buffer.equals: a deep toEqual walks megabytes of pixels one byte at a time.
      expect((await readFile(join(dir, 'b', name))).equals(await readFile(join(dir, 'a', name))), name).toBe(
        true,
      );
    }
    expect(await readFile(join(dir, 'c', 'items.jsonl'), 'utf8')).not.toBe(
      await readFile(join(dir, 'a', 'items.jsonl'), 'utf8'),
    );
    expect(parseAnswerItems(await readFile(join(dir, 'a', 'items.jsonl'), 'utf8'), 'items.jsonl')).toEqual(
      items,
    );
  });

  it('has every category, with the counts it promises', () => {
    const counts = Object.fromEntries(
      ['small-text', 'count', 'colour', 'position', 'photo'].map((c) => [
        c,
        items.filter((i) => i.category === c).length,
      ]),
    );
    expect(counts).toEqual({
      'small-text': SET_SIZES['small-text'],
      count: SET_SIZES.count,
      colour: SET_SIZES.colour,
      position: SET_SIZES.position + SET_SIZES.box,
      photo: 8,
    });
  });

  it('draws what each shape question says, as the pixels show', async () => {
    let checked = 0;
    for (const item of items.filter((i) => ['count', 'colour', 'position'].includes(i.category))) {
      const blobs = await blobsIn(join(dir, 'a', item.image as string));
      const { answer, question } = item;
      const named = (colour: string, kind: string) =>
        blobs.filter((b) => b.colour === colour && b.kind === kind);
      if (answer.kind === 'number') {
        const [, word, by] = question.match(/How many (\w+?)s? (shapes )?are/) ?? [];
        const matching = blobs.filter((b) => (by ? b.colour === word : b.kind === word));
        expect(matching.length, item.id).toBe(answer.value);
      } else if (item.category === 'colour') {
        const kind = question.match(/What colour is the (\w+)\?/)?.[1];
        const right =
          answer.kind === 'choice'
            ? answer.options[answer.correct.charCodeAt(0) - 65]
            : answer.kind === 'text'
              ? answer.value
              : '';
        expect(
          blobs.filter((b) => b.kind === kind).map((b) => b.colour),
          item.id,
        ).toEqual([right]);
      } else if (answer.kind === 'choice') {
        const [, ca, ka, cb, kb] = question.match(/the (\w+) (\w+) compared with the (\w+) (\w+)\?/) ?? [];
        const [a, b] = [named(ca as string, ka as string), named(cb as string, kb as string)];
        expect([a.length, b.length], item.id).toEqual([1, 1]);
        const [dx, dy] = [(a[0]?.cx ?? 0) - (b[0]?.cx ?? 0), (a[0]?.cy ?? 0) - (b[0]?.cy ?? 0)];
        const seen = Math.abs(dx) > Math.abs(dy) ? (dx < 0 ? 'A' : 'B') : dy < 0 ? 'C' : 'D';
        expect(seen, item.id).toBe(answer.correct);
      } else if (answer.kind === 'box') {
        const [, colour, kind] = question.match(/Where is the (\w+) (\w+)\?/) ?? [];
        const [shape] = named(colour as string, kind as string);
        expect(iou(shape?.box ?? [0, 0, 0, 0], answer.box), item.id).toBeGreaterThan(0.9);
      } else continue;
      checked += 1;
    }
    expect(checked).toBe(SET_SIZES.count + SET_SIZES.colour + SET_SIZES.position + SET_SIZES.box);
  });

  describe('small text on large pages', () => {
    let pool: SkillPool;
    beforeAll(() => {
      pool = builtinPool(['ocr'], { source: true });
    });
    afterAll(async () => {
      await pool.close();
    });

    it('prints the answer inside the item region, where OCR reads it', async () => {
      for (const item of items.filter((i) => i.category === 'small-text')) {
        const path = join(dir, 'a', item.image as string);
        const { width = 0, height = 0 } = await sharp(path).metadata();
        expect([width, height]).toEqual([2400, 3200]);
        const [x1, y1, x2, y2] = item.region ?? [0, 0, 0, 0];
        const crop = await sharp(path)
          .extract({
            left: Math.floor(x1 * width),
            top: Math.floor(y1 * height),
            width: Math.ceil((x2 - x1) * width),
            height: Math.ceil((y2 - y1) * height),
          })
          .png()
          .toBuffer();
        const result = await pool.call('read_text', {
          image: `data:image/png;base64,${crop.toString('base64')}`,
        });
        const text = (result.structuredContent as { text: string }).text;
        const expected =
          item.answer.kind === 'text' || item.answer.kind === 'number' ? String(item.answer.value) : '';
        expect(text.replaceAll(' ', ''), item.id).toContain(expected);
      }
    }, 120_000);
  });

  it('copies the test photos as they are', async () => {
    for (const item of items.filter((i) => i.category === 'photo')) {
      const name = (item.image as string).replace('photos/', '');
      const copy = await readFile(join(dir, 'a', item.image as string));
      expect(copy.equals(await readFile(join(photos, name))), name).toBe(true);
    }
  });
});
