import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultClientFile, mergeIntoClientFile } from './client-file.js';

const ours = { 'mmskills-ocr': { command: '/usr/bin/node', args: ['/x/bin/mmskills-ocr.js'] } };

describe('mergeIntoClientFile', () => {
  it("keeps the user's other servers and keys, replaces ours, and keeps a backup of the old file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'client-')), 'claude_desktop_config.json');
    const before = {
      globalShortcut: 'Ctrl+Space',
      mcpServers: { filesystem: { command: 'npx', args: ['fs'] }, 'mmskills-ocr': { command: 'old' } },
    };
    writeFileSync(file, JSON.stringify(before));
    const backup = await mergeIntoClientFile(file, 'claude', ours);
    expect(backup).toBe(`${file}.bak`);
    expect(JSON.parse(readFileSync(`${file}.bak`, 'utf8'))).toEqual(before);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      globalShortcut: 'Ctrl+Space',
      mcpServers: { filesystem: { command: 'npx', args: ['fs'] }, ...ours },
    });
  });

  it('creates the file and its folder, under "servers" for VS Code, with no backup', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'client-')), '.vscode', 'mcp.json');
    expect(await mergeIntoClientFile(file, 'vscode', ours)).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ servers: ours });
    expect(existsSync(`${file}.bak`)).toBe(false);
  });

  it.each([
    ['{ "mcpServers": ', /is not valid JSON .*nothing was changed/],
    ['[1, 2]', /does not hold a JSON object; nothing was changed/],
    ['{ "mcpServers": [] }', /"mcpServers" in .* is not an object; nothing was changed/],
  ])('refuses %s and leaves the file as it was', async (text, message) => {
    const file = join(mkdtempSync(join(tmpdir(), 'client-')), 'mcp.json');
    writeFileSync(file, text);
    await expect(mergeIntoClientFile(file, 'cursor', ours)).rejects.toThrow(message);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });
});

describe('defaultClientFile', () => {
  it('is where each client reads its servers', () => {
    const env = { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' };
    expect(defaultClientFile('claude', 'linux', {})).toBe(
      join(homedir(), '.config', 'Claude', 'claude_desktop_config.json'),
    );
    expect(defaultClientFile('claude', 'linux', { XDG_CONFIG_HOME: '/cfg' })).toBe(
      '/cfg/Claude/claude_desktop_config.json',
    );
    expect(defaultClientFile('claude', 'darwin', {})).toBe(
      join(homedir(), 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json'),
    );
    expect(defaultClientFile('claude', 'win32', env)).toBe(
      join(env.APPDATA, 'Claude', 'claude_desktop_config.json'),
    );
    expect(defaultClientFile('cursor', 'linux', {})).toBe(join(homedir(), '.cursor', 'mcp.json'));
    expect(defaultClientFile('vscode', 'linux', {})).toBe(join(process.cwd(), '.vscode', 'mcp.json'));
  });
});
