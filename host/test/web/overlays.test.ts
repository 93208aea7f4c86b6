import { COCO_SKELETON } from '@mmskills/core';
import { photoPath } from '@mmskills/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../src/host.js';
import { scriptedHost, skills } from '../fixtures/hosts.js';
import {
  keepScreenshot,
  type OpenPage,
  observationOf,
  openPage,
  relativeBox,
  relativeCentre,
} from './browser-harness.js';

const turns = [
  {
    thoughts: 'Find her pose and her outline.',
    actions: [
      { API_name: 'detect_pose', API_params: { image: 'image_1' } },
      { API_name: 'segment_people', API_params: { image: 'image_1' } },
    ],
    value: 'Looking.',
  },
  { thoughts: 'One person, standing.', actions: [], value: 'She faces the camera; her outline is tinted.' },
];

interface Pose {
  people: Array<{ keypoints: Array<{ name: string; x: number; y: number; score: number }> }>;
}
interface Segment {
  coverage: number;
  box: number[];
  width: number;
  height: number;
  new_images: string[];
}

/** Reads a mask overlay back from the page: its size, how much of it is tinted, and where. */
const READ_MASK = `(canvas) => {
  const { width, height } = canvas;
  const alpha = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  let tinted = 0, x1 = width, y1 = height, x2 = 0, y2 = 0;
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) {
    if (alpha[(y * width + x) * 4 + 3] === 0) continue;
    tinted += 1; x1 = Math.min(x1, x); y1 = Math.min(y1, y); x2 = Math.max(x2, x + 1); y2 = Math.max(y2, y + 1);
  }
  return { width, height, coverage: tinted / (width * height), box: [x1 / width, y1 / height, x2 / width, y2 / height] };
}`;

describe('pose keypoints and a person mask drawn over the astronaut', () => {
  let host: Host;
  let open: OpenPage;

  beforeAll(async () => {
    host = await scriptedHost(turns, skills('pose', 'segment'));
    open = await openPage(host);
  }, 120_000);

  afterAll(async () => {
    await open?.stop();
    await host?.close();
  });

  it('draws the skeleton at the keypoints and tints the mask where the person is', async () => {
    const { page } = open;
    await page.locator('#status .chip.ok[data-skill="segment"]').waitFor();
    await page.setInputFiles('#image', photoPath('astronaut'));
    await page.fill('#question', 'How is she standing?');
    await page.press('#question', 'Enter');
    await page.locator('.answer strong', { hasText: 'her outline is tinted' }).waitFor();

    const photo = page.locator('figure[data-handle="image_1"]');
    const image = await photo.locator('img').boundingBox();
    if (!image) throw new Error('the photo is not laid out');

    const { people } = await observationOf<Pose>(page, 'detect_pose');
    const keypoints = people[0]?.keypoints ?? [];
    const sure = keypoints.map((k) => k.score >= 0.3);
    const pose = photo.locator('svg.points.pose[data-label="person 1"]');
    expect(await pose.getAttribute('aria-label')).toBe(`person 1: ${sure.filter(Boolean).length} keypoints`);
    expect(await pose.locator('line').count()).toBe(
      COCO_SKELETON.filter(([a, b]) => sure[a] && sure[b]).length,
    );
    const dots = pose.locator('circle');
    expect(await dots.count()).toBeGreaterThanOrEqual(5);
    for (const dot of await dots.all()) {
      const name = await dot.getAttribute('data-name');
      const point = keypoints.find((k) => k.name === name);
      const laid = await dot.boundingBox();
      if (!point || !laid) throw new Error('a keypoint is drawn that the skill did not return');
      const [x, y] = relativeCentre(laid, image);
      expect(Math.abs(x - point.x)).toBeLessThan(0.01);
      expect(Math.abs(y - point.y)).toBeLessThan(0.01);
    }
    const nose = await pose.locator('circle[data-name="nose"]').boundingBox();
    if (!nose) throw new Error('no nose drawn');
    // Inside her face, where skills/face finds it: [0.3348, 0.1433, 0.5426, 0.3511].
    const [noseX, noseY] = relativeCentre(nose, image);
    expect(noseX).toBeGreaterThan(0.33);
    expect(noseX).toBeLessThan(0.55);
    expect(noseY).toBeGreaterThan(0.14);
    expect(noseY).toBeLessThan(0.36);

    const segment = await observationOf<Segment>(page, 'segment_people');
    const [maskHandle, cutoutHandle] = segment.new_images;
    await page.locator(`figure[data-handle="${maskHandle}"][data-mask="drawn"]`).waitFor();
    await page.locator(`figure[data-handle="${cutoutHandle}"][data-mask="none"]`).waitFor();
    await page.locator('figure[data-handle="image_2"][data-mask="none"]').waitFor();
    expect(await page.locator(`figure[data-handle="${maskHandle}"] figcaption`).textContent()).toBe(
      `${maskHandle} · from segment/segment_people · tinted over image_1`,
    );
    const mask = photo.locator('canvas.mask');
    expect(await mask.count()).toBe(1);
    expect(await mask.getAttribute('data-handle')).toBe(maskHandle);
    const laid = await mask.boundingBox();
    if (!laid) throw new Error('the mask is not laid out');
    expect(relativeBox(laid, image).map((v) => Math.round(v * 200) / 200 + 0)).toEqual([0, 0, 1, 1]);
    const read = (await page.evaluate(
      `(${READ_MASK})(document.querySelector('figure[data-handle="image_1"] canvas.mask'))`,
    )) as {
      width: number;
      height: number;
      coverage: number;
      box: number[];
    };
    expect([read.width, read.height]).toEqual([segment.width, segment.height]);
    expect(segment.coverage).toBeGreaterThan(0.2);
    expect(Math.abs(read.coverage - segment.coverage)).toBeLessThan(0.002);
    read.box.forEach((v, i) => {
      expect(Math.abs(v - (segment.box[i] ?? -1))).toBeLessThan(0.01);
    });

    await keepScreenshot(page, 'astronaut-overlays.png');
    expect(open.errors).toEqual([]);
    expect(open.consoleProblems).toEqual([]);
    expect(open.foreignRequests).toEqual([]);
  }, 120_000);
});
