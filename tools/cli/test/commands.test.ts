import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { createRegistryApp, hashToken, openSqliteStore } from '@mmskills/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callCommand } from '../src/commands/call.js';
import { configCommand } from '../src/commands/config.js';
import { infoCommand } from '../src/commands/info.js';
import { publishCommand } from '../src/commands/publish.js';
import { searchCommand } from '../src/commands/search.js';
import { runCli } from './run-cli.js';

const imageSkillDir = fileURLToPath(new URL('../../../skills/image', import.meta.url));
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('the skill-author flow: publish, search, info, call, config', () => {
  let registry: string;
  let stop: () => Promise<void>;
  const lines: string[] = [];
  const out = (line: string) => lines.push(line);

  beforeAll(async () => {
    const store = openSqliteStore(':memory:');
    await store.saveToken({
      hash: hashToken('mmsk_author'),
      namespace: 'io.github.mmskills',
      createdAt: new Date().toISOString(),
    });
    await store.saveToken({
      hash: hashToken('mmsk_other'),
      namespace: 'io.github.someone',
      createdAt: new Date().toISOString(),
    });
    const server = serve({
      fetch: createRegistryApp({ store, log: quiet }).fetch,
      hostname: '127.0.0.1',
      port: 0,
    });
    await new Promise((resolve) => server.once('listening', resolve));
    registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stop = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => {
    await stop();
  });

  it('publishes a skill package after building and validating it, and refuses with clear messages', async () => {
    lines.length = 0;
    expect(await publishCommand([imageSkillDir, '--registry', registry, '--token', 'mmsk_author'], out)).toBe(
      0,
    );
    expect(lines).toContain(`published io.github.mmskills/image@0.1.0 to ${registry}`);
    await expect(
      publishCommand([imageSkillDir, '--registry', registry, '--token', 'mmsk_author'], out),
    ).rejects.toThrow(/the registry refused \(409\)/);
    await expect(
      publishCommand([imageSkillDir, '--registry', registry, '--token', 'mmsk_other'], out),
    ).rejects.toThrow(
      /the registry refused \(403\): your token may publish only under io\.github\.someone\//,
    );
    await expect(
      publishCommand([imageSkillDir, '--registry', registry, '--token', 'wrong'], out),
    ).rejects.toThrow(/\(401\): unknown token/);
    await expect(
      publishCommand([imageSkillDir, '--registry', 'http://127.0.0.1:9', '--token', 'x'], out),
    ).rejects.toThrow(/cannot reach the registry at http:\/\/127\.0\.0\.1:9/);
  }, 300_000);

  it('finds the published tools and shows their parameters', async () => {
    lines.length = 0;
    await searchCommand(['crop', 'the', 'picture', '--registry', registry], out);
    expect(lines[0]).toMatch(/^io\.github\.mmskills\/image@0\.1\.0 {2}crop {2}/);
    lines.length = 0;
    await infoCommand(['io.github.mmskills/image', '--registry', registry], out);
    expect(lines[0]).toMatch(/^io\.github\.mmskills\/image@0\.1\.0: /);
    const full = [...lines];
    lines.length = 0;
    await infoCommand(['image', '--registry', registry], out);
    expect(lines).toEqual(full);
    await expect(infoCommand(['teleport', '--registry', registry], out)).rejects.toThrow(
      /unknown skill teleport: nothing of that name in the registry/,
    );
    expect(full.join('\n')).toMatch(/crop: .*\n.*- image \(string, required\)/);
    await expect(infoCommand(['io.github.mmskills/nothing', '--registry', registry], out)).rejects.toThrow(
      /no version latest of io\.github\.mmskills\/nothing/,
    );
  });

  it('calls a tool and writes its picture to a file', async () => {
    lines.length = 0;
    const dir = mkdtempSync(join(tmpdir(), 'call-'));
    const code = await callCommand(
      ['image', 'crop', '--image', photoPath('chelsea'), '--args', '{"box":[0,0,0.5,0.5]}', '--out', dir],
      out,
    );
    expect(code).toBe(0);
    const written = lines.find((line) => line.startsWith('wrote '))?.slice(6) ?? '';
    expect(written).toBe(join(dir, 'crop-1.png'));
    expect(readFileSync(written).subarray(1, 4).toString()).toBe('PNG');
    expect(lines.join('\n')).toContain('"width": 226');
    lines.length = 0;
    const again = [
      'io.github.mmskills/image',
      'crop',
      '--image',
      photoPath('chelsea'),
      '--args',
      '{"box":[0,0,0.25,0.25]}',
    ];
    expect(await callCommand([...again, '--out', dir], out)).toBe(0);
    expect(lines).toContain(`wrote ${join(dir, 'crop-2.png')}`);
    expect(readFileSync(join(dir, 'crop-1.png'))).not.toEqual(readFileSync(join(dir, 'crop-2.png')));
    const cwd = mkdtempSync(join(tmpdir(), 'call-cwd-'));
    const ran = await runCli(
      tsxArgs(new URL('../src/bin.ts', import.meta.url)),
      ['call', ...again],
      cwd,
      process.env,
    );
    expect(ran.code).toBe(0);
    const folder = /^wrote (mmskills-out\/image-crop-\d{8}-\d{6}\/crop-1\.png)$/m.exec(ran.stdout)?.[1];
    expect(folder && readFileSync(join(cwd, folder)).subarray(1, 4).toString()).toBe('PNG');
    await expect(callCommand(['nope', 'crop'], out)).rejects.toMatchObject({ exitCode: 2 });
    await expect(callCommand(['image', 'crop', '--args', '{bad'], out)).rejects.toThrow(
      /--args is not valid JSON/,
    );
    // A replicated HTTP entry is named by its URLs, not "undefined".
    const config = join(cwd, 'replicated.json');
    writeFileSync(
      config,
      JSON.stringify({ skills: { far: { urls: ['http://127.0.0.1:9/mcp', 'http://127.0.0.1:10/mcp'] } } }),
    );
    await expect(callCommand(['far', 'crop', '--config', config], out)).rejects.toThrow(
      'far is served over HTTP (http://127.0.0.1:9/mcp, http://127.0.0.1:10/mcp); call runs stdio skills',
    );
  }, 60_000);

  it('prints client configuration with absolute paths to the bins here, the roots, and the gateway', async () => {
    lines.length = 0;
    const notes: string[] = [];
    const roots = mkdtempSync(join(tmpdir(), 'roots-'));
    const hostConfig = join(mkdtempSync(join(tmpdir(), 'host-')), 'mmskills.json');
    expect(
      await configCommand(
        ['claude', '--skills', 'ocr,detect', '--roots', roots, '--config', hostConfig],
        out,
        (line) => notes.push(line),
      ),
    ).toBe(0);
    const servers = JSON.parse(lines.join('\n')).mcpServers;
    expect(Object.keys(servers)).toEqual(['mmskills-ocr', 'mmskills-detect']);
    expect(servers['mmskills-ocr']).toEqual({
      command: process.execPath,
      args: [fileURLToPath(new URL('../../../skills/ocr/bin/mmskills-ocr.js', import.meta.url))],
      env: { MMSKILLS_FILE_ROOTS: roots },
    });
    expect(notes).toEqual([`the skills may read image files under ${roots} (change with --roots DIR,DIR)`]);
    lines.length = 0;
    await configCommand(['vscode', '--gateway'], out, () => {});
    expect(JSON.parse(lines.join('\n'))).toEqual({
      servers: { mmskills: { type: 'http', url: 'http://127.0.0.1:8080/mcp' } },
    });
    await expect(configCommand(['emacs'], out)).rejects.toThrow(/config needs a client/);
    await expect(
      configCommand(['claude', '--skills', 'teleport', '--config', hostConfig], out),
    ).rejects.toThrow(/unknown skill teleport; skills here: ocr, detect, face, pose, segment, image/);
  });
});
