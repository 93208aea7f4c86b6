import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { photoPath } from '@mmskills/core/testing';
import { decodeImage, encodeImage, toDataUri } from '@mmskills/image';
import { connectInMemory, imageBlocks, textOf } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DetectPoseOutput, poseSkill } from '../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
type Person = DetectPoseOutput['people'][number];

// Where skills/face's detect_faces puts the astronaut's face: [0.3348, 0.1433, 0.5426, 0.3511].
const FACE = { x1: 0.33, y1: 0.14, x2: 0.55, y2: 0.36 };

let client: Client;

beforeAll(async () => {
  client = await connectInMemory(poseSkill, { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot });
});

afterAll(async () => {
  await client.close();
});

async function detect(args: Record<string, unknown>) {
  const result = await client.callTool({ name: 'detect_pose', arguments: args });
  expect(result.isError, textOf(result)).toBeFalsy();
  return { result, people: (result.structuredContent as DetectPoseOutput).people };
}

function keypoint(person: Person | undefined, name: string) {
  const found = person?.keypoints.find((k) => k.name === name);
  if (!found) throw new Error(`no ${name} keypoint`);
  return found;
}

/** The astronaut twice, side by side: a real 1024×512 photo of two people. */
async function twoAstronauts(): Promise<string> {
  const one = await decodeImage(readFileSync(photoPath('astronaut')));
  const rows: Buffer[] = [];
  for (let y = 0; y < one.height; y++) {
    const row = one.data.subarray(y * one.width * 3, (y + 1) * one.width * 3);
    rows.push(row, row);
  }
  const png = await encodeImage(
    { data: Buffer.concat(rows), width: 2 * one.width, height: one.height, channels: 3 },
    'png',
  );
  return toDataUri(png);
}

describe('detect_pose', () => {
  it("finds the astronaut's head and shoulders where they are", async () => {
    const { result, people } = await detect({ image: photoPath('astronaut') });
    expect(people).toHaveLength(1);
    const [person] = people;
    expect(person?.score).toBeGreaterThanOrEqual(0.3);
    expect(person?.keypoints.map((k) => k.name)).toEqual([
      'nose',
      'left_eye',
      'right_eye',
      'left_ear',
      'right_ear',
      'left_shoulder',
      'right_shoulder',
      'left_elbow',
      'right_elbow',
      'left_wrist',
      'right_wrist',
      'left_hip',
      'right_hip',
      'left_knee',
      'right_knee',
      'left_ankle',
      'right_ankle',
    ]);
    const nose = keypoint(person, 'nose');
    const leftEye = keypoint(person, 'left_eye');
    const rightEye = keypoint(person, 'right_eye');
    const leftShoulder = keypoint(person, 'left_shoulder');
    const rightShoulder = keypoint(person, 'right_shoulder');
    for (const k of [nose, leftEye, rightEye, leftShoulder, rightShoulder])
      expect(k.score).toBeGreaterThanOrEqual(0.3);
    // She faces the camera: her right side is on the image's left.
    expect(rightEye.x).toBeLessThan(nose.x);
    expect(nose.x).toBeLessThan(leftEye.x);
    expect(rightShoulder.x).toBeLessThan(rightEye.x);
    expect(leftShoulder.x).toBeGreaterThan(leftEye.x);
    expect(Math.max(leftEye.y, rightEye.y)).toBeLessThan(Math.min(leftShoulder.y, rightShoulder.y));
    expect(nose.x).toBeGreaterThan(FACE.x1);
    expect(nose.x).toBeLessThan(FACE.x2);
    expect(nose.y).toBeGreaterThan(FACE.y1);
    expect(nose.y).toBeLessThan(FACE.y2);
    const [x1, y1, x2, y2] = person?.box ?? [0, 0, 0, 0];
    expect(x1).toBeLessThan(rightShoulder.x);
    expect(x2).toBeGreaterThan(leftShoulder.x);
    expect(y1).toBeLessThan(nose.y);
    expect(y2).toBeGreaterThan(leftShoulder.y);

    expect(textOf(result)).toMatch(/^1 person: person 0\.\d+ \[.*\], \d+ of 17 keypoints ≥ 0\.3 \(nose, /);
    const [picture, ...more] = imageBlocks(result);
    expect(more).toEqual([]);
    expect(picture?.mimeType).toBe('image/jpeg');
    const drawn = await decodeImage(picture?.data ?? Buffer.alloc(0));
    expect([drawn.width, drawn.height]).toEqual([512, 512]);
  });

  it('finds two people side by side in a wide image, each where they stand', async () => {
    const { people } = await detect({ image: await twoAstronauts() });
    expect(people).toHaveLength(2);
    const noses = people.map((person) => keypoint(person, 'nose')).sort((a, b) => a.x - b.x);
    // Each half repeats the portrait, so each nose is at the single portrait's spot, halved in x.
    expect(noses[0]?.x).toBeGreaterThan(FACE.x1 / 2);
    expect(noses[0]?.x).toBeLessThan(FACE.x2 / 2);
    expect(noses[1]?.x).toBeGreaterThan(0.5 + FACE.x1 / 2);
    expect(noses[1]?.x).toBeLessThan(0.5 + FACE.x2 / 2);
    for (const nose of noses) {
      expect(nose.y).toBeGreaterThan(FACE.y1);
      expect(nose.y).toBeLessThan(FACE.y2);
    }
  });

  it.each(['chelsea', 'coffee'] as const)('finds no people in %s', async (name) => {
    const { result, people } = await detect({ image: photoPath(name) });
    expect(people).toEqual([]);
    expect(textOf(result)).toBe('No people found.');
    expect(imageBlocks(result)).toHaveLength(1);
  });

  it('drops people below min_score', async () => {
    const { people } = await detect({ image: photoPath('astronaut'), min_score: 0.9 });
    expect(people).toEqual([]);
  });
});
