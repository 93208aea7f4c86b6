import { DEFAULT_IMAGE_LIMITS } from '@mmskills/core';
import { tsxArgs } from '@mmskills/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES as SKILL_CASES } from '../eras/cases.js';
import { peakRssMiB } from './peak-rss.js';

const MIB = 1024 * 1024;
const LIMIT = DEFAULT_IMAGE_LIMITS.maxPixels;

// One colour, as a palette PNG: a picture at the pixel limit in a few tens of KB, so what the skill
// holds comes from the pixels, not from the bytes sent.
async function flatPng(width: number, height: number): Promise<string> {
  const png = await sharp({ create: { width, height, channels: 3, background: '#6080a0' } })
    .png({ palette: true, compressionLevel: 9 })
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

/**
 * What a tool may hold per pixel of its input beyond what the same process held after calls on a
 * small picture of the same shape (its model loaded and run at the same input size): the decoded
 * RGB picture core's loadImage returns (3 bytes a pixel), the full-size planes the tool's output
 * needs, and 2 bytes a pixel (76 MiB at the limit) for libvips's buffers and the heap. Measured
 * after the fix: 3.5–4.2 bytes a pixel, 7 for annotate. Before it, segment took 43 bytes a pixel
 * (1.9 GB: full-size float mattes and an RGBA copy), detect 16 (a full-size drawing), blur_regions
 * 6.5 and annotate 10 (a copy of the decoded pixels).
 */
const CASES = [
  // The mask and the cut-out are full size: one alpha plane, from which sharp encodes both; then
  // each is scaled to the inline budget (2048 px), read in one pass: measured 5.6 bytes a pixel
  // in all (3.9 sent whole, before results had a budget; 6 scaled from a whole decode).
  { skill: 'segment', tool: 'segment_people', args: {}, bytesPerPixel: 3 + 1 + 2 + 1 },
  // The models see the picture at their own input size; the drawn picture's long side is 1280.
  { skill: 'detect', tool: 'detect_objects', args: {}, bytesPerPixel: 3 + 2 },
  { skill: 'face', tool: 'detect_faces', args: {}, bytesPerPixel: 3 + 2 },
  { skill: 'pose', tool: 'detect_pose', args: {}, bytesPerPixel: 3 + 2 },
  { skill: 'ocr', tool: 'read_text', args: {}, bytesPerPixel: 3 + 2 },
  // The image tools return full-size pictures; sharp encodes them from the decoded pixels as it goes.
  { skill: 'image', tool: 'rotate', args: { degrees: 90 }, bytesPerPixel: 3 + 2 },
  {
    skill: 'image',
    tool: 'blur_regions',
    args: { boxes: [[0.1, 0.1, 0.2, 0.2]], strength: 3 },
    bytesPerPixel: 3 + 2,
  },
  // librsvg renders the marks as a full-size RGBA layer (4 bytes a pixel) to lay over the picture.
  {
    skill: 'image',
    tool: 'annotate',
    args: { boxes: [{ box: [0.1, 0.1, 0.5, 0.5], label: 'cup' }] },
    bytesPerPixel: 3 + 4 + 2,
  },
  // The skills whose models are pulled run their tiny test models (test/eras/cases.ts): what a
  // picture costs does not depend on the weights. Each processor sees the picture shrunk first to
  // twice its input side. Measured 3.4–3.6 bytes a pixel; caption and clip took 12 and 9 before
  // the shrink (transformers.js's copies of the full-size decode).
  { skill: 'ground', tool: 'ground_objects', args: { query: 'red mug' }, bytesPerPixel: 3 + 2 },
  { skill: 'caption', tool: 'describe_image', args: {}, bytesPerPixel: 3 + 2 },
  { skill: 'caption', tool: 'tag_image', args: {}, bytesPerPixel: 3 + 2 },
  { skill: 'clip', tool: 'classify_image', args: { labels: ['red', 'blue'] }, bytesPerPixel: 3 + 2 },
  // A hole half the picture's width and height: its context is all of the picture. The fill goes
  // into the decoded picture; beside it the hole and the grown hole (1 each), the distances across
  // the feathered rim, capped (1), and LaMa's fill scaled back to the context (3). Measured 9.4;
  // 18 before (a copy of the picture, a crop of it, float weights and int32 distances).
  {
    skill: 'inpaint',
    tool: 'remove_object',
    args: { boxes: [[0.25, 0.25, 0.75, 0.75]] },
    bytesPerPixel: 3 + 1 + 1 + 1 + 3 + 2,
  },
  // The processor sees the picture shrunk to 2048; the mask comes back at the picture's size (1),
  // the mask picture's alpha (1) and the cut-out's (1, the box's size: up to all of it); the
  // overlay is drawn at 1280. Measured 7.2; 19 before (the processor's full-size copies, full-size
  // float masks, the overlay drawn at full size from a full-size decode of the mask).
  {
    skill: 'sam',
    tool: 'segment_region',
    args: { boxes: [[0.25, 0.25, 0.75, 0.75]] },
    bytesPerPixel: 3 + 1 + 1 + 1 + 2,
  },
] as const;

describe('a picture at the 40 MP pixel limit, sent to each skill bin over stdio', () => {
  let small: string;
  let large: string;
  beforeAll(async () => {
    // 8000×5000 is exactly the limit; 1024×640 has its shape, so models that keep the aspect
    // (segment, OCR's detector) run at the same input size for both.
    [small, large] = await Promise.all([flatPng(1024, 640), flatPng(8000, 5000)]);
  }, 60_000);

  const clients: Client[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(cleanups.map((cleanup) => cleanup()));
  });

  it.each(CASES)(
    '$skill $tool holds at most $bytesPerPixel bytes a pixel more than for a small picture',
    async ({ skill, tool, args, bytesPerPixel }) => {
      const prepared = await SKILL_CASES[skill].prepare?.();
      if (prepared) cleanups.push(prepared.cleanup);
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: tsxArgs(new URL(`../../skills/${skill}/src/bin.ts`, import.meta.url)),
        env: { ...(prepared?.env ?? process.env), MMSKILLS_LOG_LEVEL: 'warn' } as Record<string, string>,
        stderr: 'ignore',
      });
      const client = new Client({ name: 'image-memory', version: '0' });
      clients.push(client);
      await client.connect(transport);
      const pid = transport.pid ?? 0;
      const call = async (image: string) => {
        const result = (await client.callTool({ name: tool, arguments: { image, ...args } }, undefined, {
          timeout: 120_000,
        })) as CallToolResult;
        expect(result.isError, JSON.stringify(result.content).slice(0, 300)).toBeFalsy();
        return peakRssMiB(pid);
      };
      // The second call settles what a first call leaves to warm up (onnxruntime's arenas grow on it).
      await call(small);
      const before = await call(small);
      const after = await call(large);
      if (before === undefined || after === undefined) return; // no /proc: nothing to read
      const budget = (bytesPerPixel * LIMIT) / MIB;
      expect(after - before, `peak ${after.toFixed(0)} MiB after ${before.toFixed(0)} MiB`).toBeLessThan(
        budget,
      );
      await client.close();
    },
    180_000,
  );
});
