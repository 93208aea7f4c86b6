import { fileURLToPath } from 'node:url';
import { validateSkillManifest } from '@mmskills/core';
import {
  connectStdio,
  photoPath,
  readManifest,
  type SkillHttpProcess,
  spawnSkillHttp,
  tsxArgs,
} from '@mmskills/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = tsxArgs(new URL('../src/bin.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const env = { ...process.env, MMSKILLS_FILE_ROOTS: repoRoot, MMSKILLS_LOG_LEVEL: 'warn' };

describe('mmskills-face over stdio', () => {
  it('handshakes and finds the astronaut', async () => {
    const client = await connectStdio(bin, env);
    expect(client.getServerVersion()).toMatchObject({ name: 'face', version: '0.1.0' });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['detect_faces']);
    const result = await client.callTool({
      name: 'detect_faces',
      arguments: { image: photoPath('astronaut') },
    });
    expect((result.structuredContent as { faces: unknown[] }).faces).toHaveLength(1);
    await client.close();
  });
});

describe('mmskills-face --http', () => {
  let server: SkillHttpProcess;

  beforeAll(async () => {
    server = await spawnSkillHttp(bin, env);
  });

  afterAll(async () => {
    await server.stop();
  });

  it('answers /health with the skill, its tool and its model', async () => {
    const response = await fetch(server.url.replace(/\/mcp$/, '/health'));
    expect(await response.json()).toMatchObject({
      status: 'ok',
      name: 'face',
      version: '0.1.0',
      tools: ['detect_faces'],
      model: { name: 'BlazeFace', source: 'package', backend: 'tfjs-wasm', loaded: false },
    });
  });
});

describe('mmskills-face --manifest', () => {
  it('prints a valid server.json and tool list', async () => {
    const manifest = await readManifest(bin, env);
    const checked = validateSkillManifest(manifest);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(manifest.server).toMatchObject({
      name: 'io.github.mmskills/face',
      version: '0.1.0',
      packages: [{ registryType: 'npm', identifier: '@mmskills/skill-face', transport: { type: 'stdio' } }],
    });
    expect(manifest.tools.map((tool) => tool.name)).toEqual(['detect_faces']);
  });
});
