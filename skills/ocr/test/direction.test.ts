import { decodeImage } from '@mmskills/image';
import onnxProto from 'onnx-proto';
import { InferenceSession } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createOcrModels } from '../src/pipeline/ocr-models.js';
import { readPage } from '../src/pipeline/read-page.js';
import { sessionEngine } from '../src/pipeline/session-engine.js';
import { documentPage, UPSIDE_DOWN_TEXT } from './fixtures/pages.js';
import { renderPage } from './fixtures/render-page.js';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** A "direction classifier" that gives every window the same [P(0°), P(180°)], whatever it sees. */
async function fixedClassifier(upsideDown: number): Promise<InferenceSession> {
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'fixed-direction',
      node: [
        // [N, 3, 48, 192] → [N, 1] through the input, so the batch size carries over.
        { opType: 'Flatten', input: ['x'], output: ['flat'] },
        {
          opType: 'ReduceMean',
          input: ['flat'],
          output: ['mean'],
          attribute: [{ name: 'axes', type: 7, ints: [1] }],
        },
        { opType: 'Mul', input: ['mean', 'zero'], output: ['nothing'] },
        { opType: 'Add', input: ['nothing', 'probs'], output: ['y'] },
      ],
      initializer: [
        { name: 'zero', dataType: FLOAT, dims: [1], floatData: [0] },
        { name: 'probs', dataType: FLOAT, dims: [1, 2], floatData: [1 - upsideDown, upsideDown] },
      ],
      input: [
        {
          name: 'x',
          type: {
            tensorType: {
              elemType: FLOAT,
              shape: { dim: [{ dimParam: 'n' }, { dimValue: 3 }, { dimValue: 48 }, { dimValue: 192 }] },
            },
          },
        },
      ],
      output: [
        {
          name: 'y',
          type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'n' }, { dimValue: 2 }] } } },
        },
      ],
    },
  });
  return InferenceSession.create(onnx.ModelProto.encode(model).finish());
}

describe('the direction classifier is asked about unsure lines only', () => {
  it('leaves lines read with confidence alone, and turns the unsure ones it is told to', async () => {
    const page = documentPage();
    const image = await decodeImage(await renderPage(page.width, page.height, page.lines));
    const models = await createOcrModels({}).load();
    const read = async (upsideDown: number) => {
      const lines = await readPage(
        sessionEngine({ ...models, cls: () => fixedClassifier(upsideDown) }),
        image,
        {
          minConfidence: 0,
        },
      );
      return lines.map((line) => line.text);
    };
    // Says "upside down" about everything: only the truly upside-down line was asked, and turned.
    expect(await read(1)).toEqual(page.expected);
    // Says "upright" about everything: the upside-down line stays as the recogniser read it.
    const kept = await read(0);
    expect(kept.slice(0, -1)).toEqual(page.expected.slice(0, -1));
    expect(kept.at(-1)).not.toBe(UPSIDE_DOWN_TEXT);
  }, 60_000);
});
