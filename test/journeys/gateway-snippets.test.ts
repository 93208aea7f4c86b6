import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_WORDS, writeTextPage } from './page.js';
import { mmskills, run, type Served, startServe } from './run.js';

const INSPECTOR_CLI = fileURLToPath(import.meta.resolve('@modelcontextprotocol/inspector-cli/build/cli.js'));

/** The gateway's tools with every built-in skill running, as `<skill>__<tool>`. */
const BUILTIN_TOOLS = [
  'ocr__read_text',
  'detect__detect_objects',
  'face__detect_faces',
  'pose__detect_pose',
  'segment__segment_people',
  'image__image_info',
  'image__crop',
  'image__zoom_in',
  'image__resize',
  'image__rotate',
  'image__annotate',
  'image__blur_regions',
  'ground__ground_objects',
  'sam__segment_region',
  'caption__describe_image',
  'caption__tag_image',
  'clip__classify_image',
  'clip__search_images',
  'inpaint__remove_object',
];

/** A call to each skill whose model no npm package ships, and the model its answer says to pull. */
const PULLED_CALLS: Array<[string, Record<string, unknown>, string]> = [
  ['ground__ground_objects', { query: 'invoice' }, 'owlv2-base-patch16-ensemble'],
  ['sam__segment_region', { boxes: [[0.25, 0.25, 0.75, 0.75]] }, 'slimsam-77-uniform'],
  ['caption__describe_image', {}, 'florence-2-base-ft'],
  ['clip__classify_image', { labels: ['invoice', 'cat'] }, 'clip-vit-base-patch32'],
  ['inpaint__remove_object', { boxes: [[0.25, 0.25, 0.75, 0.75]] }, 'lama-fp32'],
];

describe('README: one server for every skill, the running host’s gateway', () => {
  const data = mkdtempSync(join(tmpdir(), 'journey-gateway-'));
  const page = join(data, 'invoice.png');
  let served: Served;
  let gatewayUrl: string;

  beforeAll(async () => {
    await writeTextPage(page);
    // `npm start` is `mmskills serve`; free ports here, so it can run beside a developer's own.
    // An empty model cache: the skills whose models no npm package ships start without them.
    const env = { ...process.env, MMSKILLS_FILE_ROOTS: data, MMSKILLS_MODEL_DIR: join(data, 'models') };
    served = await startServe(data, env, ['--data', data]);
    gatewayUrl = `${served.hostUrl}/mcp`;
  }, 180_000);
  afterAll(() => served?.stop());

  /** The Inspector's CLI calls OCR through the gateway with `imageArg` and reads the page's words. */
  const expectInspectorReadsPage = async (imageArg: string) => {
    const inspected = await run(
      process.execPath,
      [
        INSPECTOR_CLI,
        '--cli',
        gatewayUrl,
        '--transport',
        'http',
        '--method',
        'tools/call',
        '--tool-name',
        'ocr__read_text',
        '--tool-arg',
        imageArg,
      ],
      { cwd: dirname(INSPECTOR_CLI) },
    );
    expect(inspected.code, inspected.stderr).toBe(0);
    const result = JSON.parse(inspected.stdout) as { content: Array<{ text?: string }> };
    const text = result.content.map((block) => block.text ?? '').join('\n');
    for (const word of PAGE_WORDS) expect(text).toContain(word);
  };

  it('the Claude snippet bridges stdio to the gateway: every built-in skill’s tools, OCR reads the page, a skill without its model names the pull', async () => {
    const printed = await mmskills(['config', 'claude', '--gateway', '--url', gatewayUrl]);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stderr).toContain(`the gateway at ${gatewayUrl} must be running`);
    const entry = JSON.parse(printed.stdout).mcpServers.mmskills as { command: string; args: string[] };
    expect(entry.command).toBe(process.execPath);
    const client = new Client({ name: 'journey', version: '0.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: entry.command,
        args: entry.args,
        env: getDefaultEnvironment(),
        stderr: 'ignore',
      }),
    );
    try {
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect([...names].sort()).toEqual([...BUILTIN_TOOLS].sort());
      const result = await client.callTool({ name: 'ocr__read_text', arguments: { image: page } });
      const text = (result.content as Array<{ text?: string }>).map((block) => block.text ?? '').join('\n');
      for (const word of PAGE_WORDS) expect(text).toContain(word);
      // No model pulled: each of those skills answers with the command that gets it.
      for (const [name, args, model] of PULLED_CALLS) {
        const pulled = await client.callTool({ name, arguments: { image: page, ...args } });
        expect(pulled.isError, name).toBe(true);
        expect(JSON.stringify(pulled.content), name).toContain(`npx mmskills model pull ${model}`);
      }
    } finally {
      await client.close();
    }
  }, 120_000);

  it('the Cursor and VS Code snippets are the gateway URL, which the MCP Inspector CLI calls', async () => {
    for (const [client, key] of [
      ['cursor', 'mcpServers'],
      ['vscode', 'servers'],
    ]) {
      const printed = await mmskills(['config', client as string, '--gateway', '--url', gatewayUrl]);
      expect(JSON.parse(printed.stdout)[key as string].mmskills).toEqual({ type: 'http', url: gatewayUrl });
    }
    await expectInspectorReadsPage(`image=${page}`);
  }, 120_000);

  it('a picture uploaded once (POST /v1/images) goes to the Inspector CLI as its URI, not its bytes', async () => {
    const uploaded = await fetch(`${served.hostUrl}/v1/images`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: readFileSync(page),
    });
    expect(uploaded.status).toBe(201);
    const { uri } = (await uploaded.json()) as { uri: string };
    await expectInspectorReadsPage(`image=${uri}`);
  }, 120_000);
});
