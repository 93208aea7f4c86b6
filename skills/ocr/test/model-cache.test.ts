import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { spawnSkillHttp } from '@mmskills/skill-kit/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { documentPage } from './fixtures/pages.js';
import { dataUri, renderPage } from './fixtures/render-page.js';

const bin = tsxArgs(new URL('../src/bin.ts', import.meta.url));
const modelDir = mkdtempSync(join(tmpdir(), 'mmskills-ocr-cache-'));
const rewrites = join(modelDir, 'onnx-rewrites');
const env = { ...process.env, MMSKILLS_LOG_LEVEL: 'warn', MMSKILLS_MODEL_DIR: modelDir };
afterAll(() => rmSync(modelDir, { recursive: true, force: true }));

const page = documentPage();
const upright = { ...documentPage(), lines: documentPage().lines.slice(0, 3) };
const pictures = Promise.all([
  renderPage(page.width, page.height, page.lines),
  renderPage(upright.width, upright.height, upright.lines),
]);

type CacheFacts = Record<'det' | 'rec' | 'cls', string | undefined>;

/** Starts the bin, reads `picture`, and says what `/health` tells of each rewritten model then. */
async function readOnce(picture: Buffer): Promise<{ texts: string[]; cache: CacheFacts }> {
  const server = await spawnSkillHttp(bin, env);
  const client = new Client({ name: 'mmskills-test', version: '0.0.0' });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    const result = (await client.callTool({
      name: 'read_text',
      arguments: { image: dataUri(picture) },
    })) as CallToolResult;
    expect(result.isError, JSON.stringify(result.content).slice(0, 300)).toBeFalsy();
    const { lines } = result.structuredContent as { lines: Array<{ text: string }> };
    const health = (await (await fetch(server.url.replace(/\/mcp$/, '/health'))).json()) as {
      model: { files: Record<string, { rewriteCache?: string }> };
    };
    const of = (part: string) => health.model.files[part]?.rewriteCache;
    return {
      texts: lines.map((line) => line.text),
      cache: { det: of('det'), rec: of('rec'), cls: of('cls') },
    };
  } finally {
    await client.close();
    await server.stop();
  }
}

const entry = (model: string) => {
  const file = readdirSync(rewrites).find((name) => name.startsWith(model));
  if (!file) throw new Error(`no cache entry for ${model} in ${readdirSync(rewrites).join(', ')}`);
  return join(rewrites, file);
};

describe('the rewritten models in the model cache', () => {
  it('are written at the first start, read at the next, and rebuilt when damaged or not theirs', async () => {
    const [full, short] = await pictures;
    // A page of upright lines read with confidence never opens the direction classifier.
    expect(await readOnce(short)).toEqual({
      texts: upright.expected.slice(0, 3),
      cache: { det: 'written', rec: 'written', cls: undefined },
    });
    expect(await readOnce(full)).toEqual({
      texts: page.expected,
      cache: { det: 'read', rec: 'read', cls: 'written' },
    });

    // A flipped weight byte in the detector's entry, and the classifier's bytes (a valid model,
    // with a header and hash of its own) in the recogniser's place: both must be noticed.
    const det = entry('ch_PP-OCRv4_det_infer.');
    const bytes = readFileSync(det);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    writeFileSync(det, bytes);
    writeFileSync(entry('ch_PP-OCRv4_rec_infer.'), readFileSync(entry('ch_ppocr_mobile_v2.0_cls_infer.')));
    expect(await readOnce(full)).toEqual({
      texts: page.expected,
      cache: { det: 'rebuilt', rec: 'rebuilt', cls: 'read' },
    });
    expect((await readOnce(short)).cache).toEqual({ det: 'read', rec: 'read', cls: undefined });
  }, 240_000);
});
