import { readFile } from 'node:fs/promises';
import type { BuiltinSkill } from '@mmskills/core';
import { type PhotoName, photoPath, tsxArgs } from '@mmskills/core/testing';
import sharp from 'sharp';
import { expect } from 'vitest';

/** One built-in skill's main tool, called on a committed photo, and what its answer must say. */
export interface SkillCase {
  bin: string[];
  env: NodeJS.ProcessEnv;
  tools: string[];
  tool: string;
  photo: PhotoName;
  extra?: Record<string, unknown>;
  check(structured: Record<string, unknown>): void;
}

const binOf = (skill: string) => tsxArgs(new URL(`../../skills/${skill}/src/bin.ts`, import.meta.url));
const env = { ...process.env, MMSKILLS_LOG_LEVEL: 'warn' };

/** A committed photo as the data URI a remote client would send (no file roots needed). */
export async function photoDataUri(name: PhotoName): Promise<string> {
  return `data:image/png;base64,${(await readFile(photoPath(name))).toString('base64')}`;
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

// Expected answers are the skills' own (see each skill's tests): real model output.
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
};
