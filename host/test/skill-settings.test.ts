import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening } from '@mmskills/skill-kit/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skillSettings } from '../src/pool/builtin.js';

describe("the host's MMSKILLS_* settings reach the built-in skills", () => {
  const root = mkdtempSync(join(tmpdir(), 'host-roots-'));
  let host: ListeningProcess;
  let client: Client;

  beforeAll(async () => {
    copyFileSync(photoPath('coffee'), join(root, 'coffee.png'));
    // The host runs in its package folder; the root it is given lies elsewhere.
    host = await spawnListening([...tsxArgs(new URL('../src/bin.ts', import.meta.url)), '--port', '0'], {
      ...process.env,
      MMSKILLS_LMM: '',
      MMSKILLS_FILE_ROOTS: root,
    });
    client = new Client({ name: 'settings-test', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${host.url}/mcp`)));
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await host?.stop();
  });

  const imageInfo = async (image: string) => {
    const result = await client.callTool({ name: 'image__image_info', arguments: { image } });
    return {
      isError: result.isError === true,
      text: (result.content as Array<{ text?: string }>)[0]?.text ?? '',
    };
  };

  it("reads a file under the host's MMSKILLS_FILE_ROOTS, and refuses one under its working directory", async () => {
    expect(await imageInfo(join(root, 'coffee.png'))).toMatchObject({
      isError: false,
      text: expect.stringMatching(/600×400/),
    });
    const refused = await imageInfo(fileURLToPath(new URL('../package.json', import.meta.url)));
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/outside the allowed roots/);
  }, 60_000);

  it("passes settings on but never the host's keys and tokens", () => {
    expect(
      skillSettings({
        MMSKILLS_FILE_ROOTS: '/data',
        MMSKILLS_LOG_LEVEL: 'warn',
        MMSKILLS_API_KEYS: 'k-1',
        MMSKILLS_REGISTRY_ADMIN_TOKEN: 't',
        MMSKILLS_REGISTRY_TOKEN: 't',
        HOME: '/root',
      }),
    ).toEqual({ MMSKILLS_FILE_ROOTS: '/data', MMSKILLS_LOG_LEVEL: 'warn' });
  });
});
