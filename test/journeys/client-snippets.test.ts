import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE_WORDS, writeTextPage } from './page.js';
import { mmskills, run } from './run.js';

interface StdioEntry {
  type?: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

// The Inspector's CLI (what `npx @modelcontextprotocol/inspector --cli` runs; the whole Inspector
// wants Node 22). It finds its own package.json by testing `../package.json` against the working
// directory but importing it relative to its file, so it runs from its build folder.
const INSPECTOR_CLI = fileURLToPath(import.meta.resolve('@modelcontextprotocol/inspector-cli/build/cli.js'));

/** Starts the entry exactly as a client would (its command, args and env over the client's own). */
async function callReadText(entry: StdioEntry, image: string) {
  const client = new Client({ name: 'journey', version: '0.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: entry.command,
      args: entry.args,
      env: { ...getDefaultEnvironment(), ...entry.env },
      stderr: 'ignore',
    }),
  );
  try {
    const result = await client.callTool({ name: 'read_text', arguments: { image } });
    const content = result.content as Array<{ type: string; text?: string }>;
    return { isError: result.isError === true, text: content.map((block) => block.text ?? '').join('\n') };
  } finally {
    await client.close();
  }
}

describe('README: connect an MCP client with `mmskills config`', () => {
  const roots = mkdtempSync(join(tmpdir(), 'journey-roots-'));
  const page = join(roots, 'invoice.png');
  const outside = join(mkdtempSync(join(tmpdir(), 'journey-outside-')), 'invoice.png');

  beforeAll(async () => {
    await writeTextPage(page);
    await writeTextPage(outside);
  });

  it('`npx mmskills --help` works in the clone, and so does a skill bin', async () => {
    const help = await mmskills(['--help']);
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mmskills <command>/);
    const manifest = await run('npx', ['mmskills-ocr', '--manifest']);
    expect(manifest.code).toBe(0);
    expect(JSON.parse(manifest.stdout).server.name).toBe('io.github.mmskills/ocr');
  });

  it.each([
    ['claude', 'mcpServers'],
    ['cursor', 'mcpServers'],
    ['vscode', 'servers'],
  ] as const)(
    'the %s snippet starts the OCR skill here and it reads a page under --roots only',
    async (client, key) => {
      const printed = await mmskills(['config', client, '--skills', 'ocr', '--roots', roots]);
      expect(printed.code).toBe(0);
      expect(printed.stderr).toContain(`the skills may read image files under ${roots}`);
      const entry = JSON.parse(printed.stdout)[key]['mmskills-ocr'] as StdioEntry;
      expect(entry.env).toEqual({ MMSKILLS_FILE_ROOTS: roots });
      const read = await callReadText(entry, page);
      expect(read.isError).toBe(false);
      for (const word of PAGE_WORDS) expect(read.text).toContain(word);
      const refused = await callReadText(entry, outside);
      expect(refused.isError).toBe(true);
      expect(refused.text).toMatch(/MMSKILLS_FILE_ROOTS/);
    },
    120_000,
  );

  it('the MCP Inspector CLI runs the Claude config that --write wrote, and calls OCR through it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'journey-claude-')), 'claude_desktop_config.json');
    const wrote = await mmskills([
      'config',
      'claude',
      '--skills',
      'ocr',
      '--roots',
      roots,
      '--write',
      '--file',
      file,
    ]);
    expect(wrote.code).toBe(0);
    expect(wrote.stdout).toContain(`wrote mmskills-ocr into ${file}`);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).mcpServers)).toEqual(['mmskills-ocr']);
    const inspected = await run(
      process.execPath,
      [
        INSPECTOR_CLI,
        '--cli',
        '--config',
        file,
        '--server',
        'mmskills-ocr',
        '--method',
        'tools/call',
        '--tool-name',
        'read_text',
        '--tool-arg',
        `image=${page}`,
      ],
      { cwd: dirname(INSPECTOR_CLI) },
    );
    expect(inspected.code).toBe(0);
    const result = JSON.parse(inspected.stdout) as { isError?: boolean; content: Array<{ text?: string }> };
    expect(result.isError ?? false).toBe(false);
    const text = result.content.map((block) => block.text ?? '').join('\n');
    for (const word of PAGE_WORDS) expect(text).toContain(word);
  }, 120_000);
});
