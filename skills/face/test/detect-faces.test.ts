import { fileURLToPath } from 'node:url';
import { photoPath } from '@mmskills/core/testing';
import { decodeImage } from '@mmskills/image';
import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DetectFacesOutput, faceSkill } from '../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
type Face = DetectFacesOutput['faces'][number];

let client: Client;

beforeAll(async () => {
  client = await connectInMemory(faceSkill, { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot });
});

afterAll(async () => {
  await client.close();
});

async function detect(args: Record<string, unknown>) {
  const result = await client.callTool({ name: 'detect_faces', arguments: args });
  expect(result.isError, textOf(result)).toBeFalsy();
  return { result, faces: (result.structuredContent as DetectFacesOutput).faces };
}

function point(face: Face | undefined, name: string) {
  const found = face?.landmarks?.find((landmark) => landmark.name === name);
  if (!found) throw new Error(`no ${name} landmark`);
  return found;
}

describe('detect_faces', () => {
  it("finds the astronaut's face, with landmarks where her features are", async () => {
    const { result, faces } = await detect({ image: photoPath('astronaut') });
    expect(faces).toHaveLength(1);
    const [face] = faces;
    const [x1, y1, x2, y2] = face?.box ?? [0, 0, 0, 0];
    // Her face sits in the upper middle of the portrait, about a fifth of the image wide.
    expect((x1 + x2) / 2).toBeGreaterThan(0.3);
    expect((x1 + x2) / 2).toBeLessThan(0.7);
    expect((y1 + y2) / 2).toBeGreaterThan(0.1);
    expect((y1 + y2) / 2).toBeLessThan(0.5);
    expect(x2 - x1).toBeGreaterThan(0.1);
    expect(x2 - x1).toBeLessThan(0.4);
    expect(face?.score).toBeGreaterThan(0.8);

    expect(face?.landmarks?.map((landmark) => landmark.name)).toEqual([
      'right_eye',
      'left_eye',
      'nose',
      'mouth',
      'right_ear',
      'left_ear',
    ]);
    const rightEye = point(face, 'right_eye');
    const leftEye = point(face, 'left_eye');
    const nose = point(face, 'nose');
    const mouth = point(face, 'mouth');
    // She faces the camera, so her right eye is on the image's left.
    expect(rightEye.x).toBeLessThan(leftEye.x);
    expect(nose.x).toBeGreaterThan(rightEye.x);
    expect(nose.x).toBeLessThan(leftEye.x);
    expect(Math.max(rightEye.y, leftEye.y)).toBeLessThan(nose.y);
    expect(nose.y).toBeLessThan(mouth.y);
    for (const { x, y } of [rightEye, leftEye, nose, mouth]) {
      expect(x).toBeGreaterThan(x1);
      expect(x).toBeLessThan(x2);
      expect(y).toBeGreaterThan(y1);
      expect(y).toBeLessThan(y2);
    }

    expect(textOf(result)).toMatch(/^1 face: face 0\.\d+ \[/);
    const [picture, ...more] = imageBlocks(result);
    expect(more).toEqual([]);
    expect(picture?.mimeType).toBe('image/jpeg');
    const drawn = await decodeImage(picture?.data ?? Buffer.alloc(0));
    expect([drawn.width, drawn.height]).toEqual([512, 512]);
  });

  it('estimates attributes on request: a smiling woman', async () => {
    const { faces } = await detect({ image: photoPath('astronaut'), attributes: true, landmarks: false });
    expect(faces).toHaveLength(1);
    const [face] = faces;
    expect(face?.landmarks).toBeUndefined();
    expect(face?.gender?.label).toBe('female');
    expect(face?.gender?.score).toBeGreaterThan(0.8);
    expect(face?.expression?.label).toBe('happy');
    // Eileen Collins was about 40 in this portrait; the model only guesses a range.
    expect(face?.age).toBeGreaterThanOrEqual(25);
    expect(face?.age).toBeLessThanOrEqual(55);
  });

  it.each(['chelsea', 'coffee'] as const)('finds no human face in %s', async (name) => {
    const { result, faces } = await detect({ image: photoPath(name), attributes: true });
    expect(faces).toEqual([]);
    expect(textOf(result)).toBe('No faces found.');
    expect(imageBlocks(result)).toHaveLength(1);
  });

  it('drops faces below min_score', async () => {
    const { faces } = await detect({ image: photoPath('astronaut'), min_score: 0.99 });
    expect(faces).toEqual([]);
  });
});
