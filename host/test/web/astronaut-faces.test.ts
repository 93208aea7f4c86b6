import { readFile } from 'node:fs/promises';
import { photoPath } from '@mmskills/core/testing';
import { decodeImage } from '@mmskills/image';
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
    thoughts: 'I should find the faces in the picture.',
    actions: [{ API_name: 'detect_faces', API_params: { image: 'image_1' } }],
    value: 'Looking for faces.',
  },
  {
    thoughts: 'The face detector found one face.',
    actions: [],
    value: 'There is one face, the astronaut’s.',
  },
];

const BOX_RGB = [0xe4, 0x57, 0x2e];

interface Face {
  box: number[];
  score: number;
  landmarks: Array<{ name: string; x: number; y: number }>;
}

/** The scenario (issue 6): upload the astronaut, ask for the faces, see the answer and the overlay. */
describe('asking the page for the faces in the astronaut photo', () => {
  let host: Host;
  let open: OpenPage;

  beforeAll(async () => {
    host = await scriptedHost(turns, skills('face'));
    open = await openPage(host);
  }, 120_000);

  afterAll(async () => {
    await open?.stop();
    await host?.close();
  });

  it('answers, boxes the face where it is, marks its landmarks, and keeps a screenshot', async () => {
    const { page } = open;
    await page.locator('#status .chip.ok[data-skill="face"]', { hasText: 'face: ready, 1 tool' }).waitFor();
    await page.setInputFiles('#image', photoPath('astronaut'));
    await page.locator('#preview-img').waitFor();
    await page.fill('#question', 'Where are the faces?');
    await page.click('#send');

    await page.locator('.answer strong', { hasText: 'There is one face, the astronaut’s.' }).waitFor();
    expect(await page.locator('.action .tool').allTextContents()).toEqual(['detect_faces']);
    const { faces } = await observationOf<{ faces: Face[] }>(page, 'detect_faces');
    expect(faces).toHaveLength(1);
    const face = faces[0] as Face;

    const photo = page.locator('figure[data-handle="image_1"]');
    const overlay = photo.locator('.box.tool[data-label="face"]');
    expect(await overlay.count()).toBe(1);
    expect(await overlay.getAttribute('aria-label')).toMatch(/^Box: face \d+%$/);
    const image = await photo.locator('img').boundingBox();
    const drawn = await overlay.boundingBox();
    if (!image || !drawn) throw new Error('the photo or its overlay is not laid out');
    const placed = relativeBox(drawn, image);
    placed.forEach((v, i) => {
      expect(Math.abs(v - (face.box[i] ?? -1))).toBeLessThan(0.02);
    });
    // Her face, as a person sees it in skimage's astronaut: upper middle, around (0.44, 0.25).
    expect(placed[0]).toBeLessThan(0.44);
    expect(placed[2]).toBeGreaterThan(0.44);
    expect(placed[1]).toBeLessThan(0.25);
    expect(placed[3]).toBeGreaterThan(0.25);

    const marks = photo.locator('svg.points.landmarks[data-label="face 1"] circle');
    expect(await marks.count()).toBe(face.landmarks.length);
    for (const [index, landmark] of face.landmarks.entries()) {
      const dot = await marks.nth(index).boundingBox();
      if (!dot) throw new Error(`landmark ${landmark.name} is not laid out`);
      const [x, y] = relativeCentre(dot, image);
      expect(Math.abs(x - landmark.x)).toBeLessThan(0.01);
      expect(Math.abs(y - landmark.y)).toBeLessThan(0.01);
    }
    await page.locator('figure[data-handle="image_2"][data-mask="none"]').waitFor();
    expect(await photo.locator('canvas.mask').count()).toBe(0);

    const kept = await keepScreenshot(page, 'astronaut-faces.png');
    const edgeAt = (await overlay.boundingBox()) ?? drawn;
    const shot = await decodeImage(await readFile(kept.path));
    expect(shot.source?.bytes).toBeGreaterThan(10_000);
    expect([shot.format, shot.width, shot.height]).toEqual(['png', 1000, kept.height]);
    expect(spread(shot.data)).toBeGreaterThan(20);
    // The box's left edge, halfway down, is in the box colour in the picture that was kept.
    const edge = pixelNear(shot, edgeAt.x + 1, edgeAt.y + edgeAt.height / 2, BOX_RGB);
    expect(edge).toBeLessThan(40);

    expect(open.errors).toEqual([]);
    expect(open.consoleProblems).toEqual([]);
    expect(open.foreignRequests).toEqual([]);
  }, 120_000);

  it('hides and shows the reasoning with a keyboard switch that the page remembers', async () => {
    const { page } = open;
    const toggle = page.getByRole('switch', { name: 'Show reasoning' });
    const reasoning = page.locator('.thought, .action, details.observation');
    const kept = page.locator('.answer, figure[data-handle="image_1"] .box.tool, .you');
    expect(await toggle.isChecked()).toBe(true);
    expect(await reasoning.count()).toBe(4);

    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.isChecked()).toBe(false);
    for (const step of await reasoning.all()) expect(await step.isHidden()).toBe(true);
    for (const shown of await kept.all()) expect(await shown.isVisible()).toBe(true);
    expect(await page.evaluate('localStorage.getItem("mmskills.showReasoning")')).toBe('false');

    await page.reload();
    await page.locator('#status .chip.ok[data-skill="face"]').waitFor();
    expect(await toggle.isChecked()).toBe(false);
    expect(await page.locator('#log.hide-reasoning').count()).toBe(1);
    await page.locator('label.switch').click();
    expect(await toggle.isChecked()).toBe(true);
    expect(await page.locator('#log.hide-reasoning').count()).toBe(0);
    expect(await page.evaluate('localStorage.getItem("mmskills.showReasoning")')).toBe('true');
    expect(open.errors).toEqual([]);
    expect(open.consoleProblems).toEqual([]);
  }, 60_000);
});

/** Standard deviation of the grey levels: near 0 for a blank picture. */
function spread(rgb: Buffer): number {
  let sum = 0;
  let squares = 0;
  const count = rgb.length / 3;
  for (let i = 0; i < rgb.length; i += 3) {
    const grey = ((rgb[i] ?? 0) + (rgb[i + 1] ?? 0) + (rgb[i + 2] ?? 0)) / 3;
    sum += grey;
    squares += grey * grey;
  }
  return Math.sqrt(squares / count - (sum / count) ** 2);
}

/** The smallest colour distance to `rgb` among the pixels within 2 px of (x, y). */
function pixelNear(shot: { data: Buffer; width: number }, x: number, y: number, rgb: number[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let dy = -2; dy <= 2; dy += 1) {
    for (let dx = -2; dx <= 2; dx += 1) {
      const at = (Math.round(y + dy) * shot.width + Math.round(x + dx)) * 3;
      const distance = Math.hypot(...rgb.map((v, c) => (shot.data[at + c] ?? 0) - v));
      best = Math.min(best, distance);
    }
  }
  return best;
}
