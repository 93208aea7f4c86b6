import { isMmskillsError } from '@mmskills/core';
import { decodeImage } from '@mmskills/image';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUri, imageInfoClient } from './hostile-server.js';
import { baseImages, type Mutation, mutate } from './mutations.js';

// MMSKILLS_FUZZ_SEED=<n> replays another corpus; a failure names its seed and case.
const SEED = Number(process.env.MMSKILLS_FUZZ_SEED ?? 20261126);
const PER_BASE = 60;
const CLEAR = /image|format|corrupt|truncated|limit|header|width|height|pixels/i;

type Outcome = { ok: true; width: number; height: number } | { ok: false; message: string };

async function decoded(bytes: Buffer): Promise<Outcome> {
  try {
    const image = await decodeImage(bytes);
    expect(image.data.length).toBe(image.width * image.height * 3);
    return { ok: true, width: image.width, height: image.height };
  } catch (error) {
    if (!isMmskillsError(error) || !['invalid_image', 'image_too_large'].includes(error.code)) throw error;
    return { ok: false, message: error.message };
  }
}

describe(`mutated PNG, JPEG and WebP photos (seed ${SEED})`, () => {
  let cases: Mutation[];
  let skill: Awaited<ReturnType<typeof imageInfoClient>>;
  beforeAll(async () => {
    const bases = await baseImages();
    cases = mutate(bases, PER_BASE, SEED);
    skill = await imageInfoClient();
  });
  afterAll(() => skill?.close());

  it('generates at least 1,000 distinct cases from the real photos', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(cases.map((c) => c.bytes.toString('base64'))).size).toBeGreaterThan(900);
  });

  it('each decodes or is refused with invalid_image/image_too_large, and the skill agrees with a clear isError', async () => {
    const mismatches: string[] = [];
    let refused = 0;
    for (let start = 0; start < cases.length; start += 16) {
      const batch = cases.slice(start, start + 16);
      const outcomes = await Promise.all(
        batch.map(
          async (entry) =>
            [entry, await decoded(entry.bytes), await skill.info(dataUri(entry.bytes))] as const,
        ),
      );
      for (const [entry, core, served] of outcomes) {
        if (!core.ok) refused += 1;
        if (core.ok !== served.ok) mismatches.push(`${entry.name}: decoder ${core.ok}, skill ${served.ok}`);
        else if (core.ok && served.ok && (core.width !== served.width || core.height !== served.height)) {
          mismatches.push(
            `${entry.name}: decoder ${core.width}×${core.height}, skill ${served.width}×${served.height}`,
          );
        } else if (!served.ok && !CLEAR.test(served.message))
          mismatches.push(`${entry.name}: unclear "${served.message}"`);
      }
    }
    expect(mismatches).toEqual([]);
    // Both kinds occur, or the corpus is not testing anything.
    expect(refused).toBeGreaterThan(cases.length / 10);
    expect(refused).toBeLessThan(cases.length);
  }, 240_000);

  it('keeps serving afterwards: a clean photo still gets its size', async () => {
    const [clean] = await baseImages();
    const bytes = clean?.bytes ?? Buffer.alloc(0);
    const { width, height } = await decodeImage(bytes);
    expect(await skill.info(dataUri(bytes))).toMatchObject({ ok: true, width, height });
  });
});
