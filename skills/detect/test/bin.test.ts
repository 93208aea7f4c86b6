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
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = tsxArgs(new URL('../src/bin.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const env = {
  ...process.env,
  MMSKILLS_LOG_LEVEL: 'warn',
  MMSKILLS_FILE_ROOTS: repoRoot,
  MMSKILLS_DETECT_MODEL: '',
  MMSKILLS_DETECT_LABELS: '',
};

describe('mmskills-detect over stdio', () => {
  let client: Client;

  beforeAll(async () => {
    client = await connectStdio(bin, env);
  });

  afterAll(async () => {
    await client.close();
  });

  it('handshakes and finds the cup in coffee', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'detect', version: '0.1.0' });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['detect_objects']);
    const result = await client.callTool({
      name: 'detect_objects',
      arguments: { image: photoPath('coffee') },
    });
    expect(result.isError).toBeFalsy();
    const { objects } = result.structuredContent as { objects: Array<{ label: string }> };
    expect(objects[0]?.label).toBe('cup');
  });
});

describe('mmskills-detect --http', () => {
  let server: SkillHttpProcess;

  beforeAll(async () => {
    server = await spawnSkillHttp(bin, env);
  });

  afterAll(async () => {
    await server.stop();
  });

  it('answers /health with the tool and the packaged CenterNet model, not yet loaded', async () => {
    const response = await fetch(server.url.replace(/\/mcp$/, '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      name: 'detect',
      version: '0.1.0',
      tools: ['detect_objects'],
      model: { name: 'centernet', source: 'package', backend: 'tfjs-wasm', loaded: false },
    });
  });
});

describe('mmskills-detect --manifest', () => {
  it('prints a valid server.json and tool list', async () => {
    const manifest = await readManifest(bin, env);
    const checked = validateSkillManifest(manifest);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(manifest.server).toMatchObject({
      name: 'io.github.mmskills/detect',
      version: '0.1.0',
      packages: [{ registryType: 'npm', identifier: '@mmskills/skill-detect', transport: { type: 'stdio' } }],
    });
    expect(manifest.tools.map((tool) => tool.name)).toEqual(['detect_objects']);
  });
});
