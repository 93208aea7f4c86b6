import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuiltinSkill } from '@mmskills/core';
import { type PhotoName, photoPath, tsxArgs } from '@mmskills/core/testing';
import sharp from 'sharp';
import { expect } from 'vitest';
import { writeTinyFlorence } from '../../skills/caption/test/fixtures/florence-model.js';
import { solidPng as captionSolidPng } from '../../skills/caption/test/pictures.js';
import { writeTinyModel as writeTinyClip } from '../../skills/clip/test/fixtures/tiny-models.js';
import { solidPng as clipSolidPng } from '../../skills/clip/test/pictures.js';
import { writeTinyOwl } from '../../skills/ground/test/fixtures/owl-models.js';
import { blocksPng } from '../../skills/ground/test/pictures.js';
import { writeTinyLama } from '../../skills/inpaint/test/fixtures/lama-models.js';
import { scene } from '../../skills/inpaint/test/pictures.js';
import { writeTinySam } from '../../skills/sam/test/fixtures/sam-models.js';
import { scenePng } from '../../skills/sam/test/pictures.js';

/** A skill's environment once its model is in place, and how to take that model away again. */
export interface Prepared {
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

/** One built-in skill's main tool, called on a picture, and what its answer must say. */
export interface SkillCase {
  bin: string[];
  /** The skill's environment as `npm start` gives it (a pulled-model skill here has no model). */
  env: NodeJS.ProcessEnv;
  /**
   * For a skill whose model no npm package ships: writes a tiny model with the real family's ONNX
   * signature (the skill's own test fixture) into a fresh model cache under the catalogue's
   * default name, as `npx mmskills model pull` lays it out, and gives the env that finds it.
   */
  prepare?(): Promise<Prepared>;
  /** The catalogue model `prepare` stands in for: without it, each call names its pull command. */
  pull?: string;
  tools: string[];
  tool: string;
  /** A committed photo, or a generated picture (PNG) whose answer the tiny model makes computable. */
  photo: PhotoName | (() => Promise<Buffer>);
  extra?: Record<string, unknown>;
  check(structured: Record<string, unknown>): void;
  /** How many pictures the call makes (each linked and read back), where the case pins it. */
  pictures?: number;
}

const binOf = (skill: string) => tsxArgs(new URL(`../../skills/${skill}/src/bin.ts`, import.meta.url));
const env = { ...process.env, MMSKILLS_LOG_LEVEL: 'warn' };

/** A committed photo as the data URI a remote client would send (no file roots needed). */
export async function photoDataUri(name: PhotoName): Promise<string> {
  return `data:image/png;base64,${(await readFile(photoPath(name))).toString('base64')}`;
}

/** The case's picture as a data URI. */
export async function caseImage(spec: SkillCase): Promise<string> {
  if (typeof spec.photo === 'string') return photoDataUri(spec.photo);
  return `data:image/png;base64,${(await spec.photo()).toString('base64')}`;
}

/** The case's environment with its model in place (nothing to do for a skill that ships its model). */
export async function prepareCase(spec: SkillCase): Promise<Prepared> {
  return (await spec.prepare?.()) ?? { env: spec.env, cleanup: async () => {} };
}

/**
 * A pulled-model skill: no model of its own by default (its env variable blank, an empty cache);
 * `prepare` writes `write(<cache>/<name>)` and points MMSKILLS_MODEL_DIR at that cache.
 */
function pulledModel(
  skill: string,
  name: string,
  write: (dir: string) => unknown,
): Pick<SkillCase, 'env' | 'prepare' | 'pull'> {
  const variable = `MMSKILLS_${skill.toUpperCase()}_MODEL`;
  const bare = { ...env, [variable]: '', MMSKILLS_MODEL_DIR: join(tmpdir(), 'mmskills-eras-no-models') };
  return {
    env: bare,
    pull: name,
    prepare: async () => {
      const cache = await mkdtemp(join(tmpdir(), `mmskills-eras-${skill}-`));
      await write(join(cache, name));
      return {
        env: { ...bare, MMSKILLS_MODEL_DIR: cache },
        cleanup: () => rm(cache, { recursive: true, force: true }),
      };
    },
  };
}

/**
 * The committed page photo tiled `columns` × `rows` times (about seven lines each): a real page that
 * takes OCR seconds, not milliseconds, so a call to read it is slow enough to beat.
 */
export async function tiledPageDataUri(columns: number, rows: number): Promise<string> {
  const page = await readFile(photoPath('page'));
  const { width = 0, height = 0 } = await sharp(page).metadata();
  const tiles = Array.from({ length: columns * rows }, (_, i) => ({
    input: page,
    left: (i % columns) * width,
    top: Math.floor(i / columns) * height,
  }));
  const canvas = { width: width * columns, height: height * rows, channels: 3 as const, background: '#fff' };
  const png = await sharp({ create: canvas }).composite(tiles).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

// Expected answers are the skills' own (see each skill's tests): real model output for the first
// six; for the five pulled-model skills, what their tiny models compute (their own fixtures).
export const CASES: Record<BuiltinSkill, SkillCase> = {
  ocr: {
    bin: binOf('ocr'),
    env,
    tools: ['read_text'],
    tool: 'read_text',
    photo: 'page',
    check: (out) => {
      const lines = out.lines as Array<{ text: string }>;
      expect(lines[0]?.text).toMatch(/^Region-based ?segmentation$/);
    },
  },
  detect: {
    bin: binOf('detect'),
    env,
    tools: ['detect_objects'],
    tool: 'detect_objects',
    photo: 'chelsea',
    check: (out) => expect((out.objects as Array<{ label: string }>).map((o) => o.label)).toEqual(['cat']),
  },
  face: {
    bin: binOf('face'),
    env,
    tools: ['detect_faces'],
    tool: 'detect_faces',
    photo: 'astronaut',
    check: (out) => expect(out.faces).toHaveLength(1),
  },
  pose: {
    bin: binOf('pose'),
    env,
    tools: ['detect_pose'],
    tool: 'detect_pose',
    photo: 'astronaut',
    check: (out) => expect(out.people).toHaveLength(1),
  },
  segment: {
    bin: binOf('segment'),
    env,
    tools: ['segment_people'],
    tool: 'segment_people',
    photo: 'astronaut',
    check: (out) => {
      expect(out.coverage).toBeGreaterThan(0.2);
      expect(out.coverage).toBeLessThan(0.8);
    },
  },
  image: {
    bin: binOf('image'),
    env,
    tools: ['image_info', 'crop', 'zoom_in', 'resize', 'rotate', 'annotate', 'blur_regions'],
    tool: 'crop',
    photo: 'chelsea',
    extra: { box: [0.5, 0.5, 1, 1] },
    check: (out) => expect(out).toMatchObject({ width: 226, height: 150 }),
  },
  ground: {
    bin: binOf('ground'),
    ...pulledModel('ground', 'owlv2-base-patch16-ensemble', writeTinyOwl),
    tools: ['ground_objects'],
    tool: 'ground_objects',
    // The boxes drawn on the picture.
    pictures: 1,
    // A red 8×8 block in the top-right corner of grey: the tiny OWLv2 scores red patches for "red".
    photo: () => blocksPng(32, 32, [{ left: 24, top: 0, width: 8, height: 8, rgb: [255, 0, 0] }]),
    extra: { query: 'red mug' },
    check: (out) => {
      const objects = out.objects as Array<{ phrase: string; box_pixels: number[] }>;
      expect(objects.map((o) => [o.phrase, o.box_pixels])).toEqual([['red mug', [24, 0, 32, 8]]]);
    },
  },
  sam: {
    bin: binOf('sam'),
    ...pulledModel('sam', 'slimsam-77-uniform', writeTinySam),
    tools: ['segment_region'],
    tool: 'segment_region',
    // The mask, the cut-out and the overlay of the one mask.
    pictures: 3,
    // 160×120 grey with an orange block over the middle quarter; the tiny SAM masks the box it is given.
    photo: scenePng,
    extra: { boxes: [[0.25, 0.25, 0.75, 0.75]] },
    check: (out) => {
      const masks = out.masks as Array<{ box_pixels: number[] }>;
      expect(masks[0]?.box_pixels).toEqual([40, 30, 120, 90]);
    },
  },
  caption: {
    bin: binOf('caption'),
    ...pulledModel('caption', 'florence-2-base-ft', (dir) => writeTinyFlorence(dir)),
    tools: ['describe_image', 'tag_image'],
    tool: 'describe_image',
    pictures: 0,
    // The tiny Florence-2 names the picture's strongest channel.
    photo: () => captionSolidPng('#e01010'),
    check: (out) => expect(out).toMatchObject({ caption: 'A red square.', truncated: false }),
  },
  clip: {
    bin: binOf('clip'),
    ...pulledModel('clip', 'clip-vit-base-patch32', (dir) => writeTinyClip(dir, 'clip')),
    tools: ['classify_image', 'search_images'],
    tool: 'classify_image',
    pictures: 0,
    photo: () => clipSolidPng('#ff0000'),
    extra: { labels: ['blue', 'red'] },
    check: (out) =>
      expect(out).toMatchObject({ best: 'red', scoring: 'softmax', model: 'clip-vit-base-patch32' }),
  },
  inpaint: {
    bin: binOf('inpaint'),
    ...pulledModel('inpaint', 'lama-fp32', writeTinyLama),
    tools: ['remove_object'],
    tool: 'remove_object',
    // The picture with the object removed.
    pictures: 1,
    // A red 8×8 square on blue, boxed: the hole is the box grown by the default dilation (28×28).
    photo: async () =>
      (await scene(64, 48, '#3366cc', [{ left: 20, top: 20, width: 8, height: 8, colour: '#ff0000' }])).png,
    extra: { boxes: [[20 / 64, 20 / 48, 28 / 64, 28 / 48]] },
    check: (out) =>
      expect(out).toMatchObject({ width: 64, height: 48, format: 'png', masked_pixels: 28 * 28 }),
  },
};
