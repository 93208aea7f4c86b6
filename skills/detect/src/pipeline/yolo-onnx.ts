import { basename } from 'node:path';
import { MmskillsError, resolveModelFile } from '@mmskills/core';
import { type DecodedImage, toTensor } from '@mmskills/image';
import { loadOnnxSession, releaseOnnxSessions } from '@mmskills/models';
import { ModelSlot } from '@mmskills/skill-kit';
import type { InferenceSession } from 'onnxruntime-node';
import { COCO_LABELS } from './coco-labels.js';
import { decodeYolo, yoloLayout } from './decode-yolo.js';
import type { Candidate, Detector } from './detector.js';
import { readLabelsFile } from './labels-file.js';
import { unletterbox } from './letterbox.js';

/** A user-supplied YOLO ONNX file and its labels file (COCO-80 names when absent). */
export interface YoloOnnxOptions {
  modelPath: string;
  labelsPath?: string;
}

const DEFAULT_SIZE = 640;
// Ultralytics letterboxes onto grey 114; a different pad shifts scores near the borders.
const PAD = 114;

interface LoadedYolo {
  session: InferenceSession;
  labels: readonly string[];
  labelsSource: string;
  input: { name: string; width: number; height: number; layout: 'chw' | 'hwc' };
  output: string;
}

function inputOf(session: InferenceSession, modelPath: string): LoadedYolo['input'] {
  const meta = session.inputMetadata[0];
  if (meta === undefined || !meta.isTensor || meta.type !== 'float32') {
    throw new MmskillsError(
      'model_failed',
      `ONNX model "${modelPath}" must take one float32 image tensor as its first input (export it without half precision)`,
    );
  }
  const dims = meta.shape.map((dim) => (typeof dim === 'number' && dim > 0 ? dim : undefined));
  const layout = dims.length === 4 && dims[3] === 3 && dims[1] !== 3 ? 'hwc' : 'chw';
  const [height, width] = layout === 'chw' ? [dims[2], dims[3]] : [dims[1], dims[2]];
  return { name: meta.name, width: width ?? DEFAULT_SIZE, height: height ?? DEFAULT_SIZE, layout };
}

async function loadYolo({ modelPath, labelsPath }: YoloOnnxOptions): Promise<LoadedYolo> {
  const file = resolveModelFile({
    userPath: modelPath,
    description: 'YOLO ONNX detector',
    flag: '--model',
    envVar: 'MMSKILLS_DETECT_MODEL',
  });
  const labels = labelsPath
    ? await readLabelsFile(labelsPath, '--labels or MMSKILLS_DETECT_LABELS')
    : COCO_LABELS;
  const labelsSource = labelsPath ? `"${labelsPath}"` : 'the built-in COCO list (no --labels given)';
  const session = await loadOnnxSession(file.path);
  const output = session.outputMetadata[0];
  if (output === undefined)
    throw new MmskillsError('model_failed', `ONNX model "${file.path}" has no output`);
  if (output.isTensor && output.shape.every((dim) => typeof dim === 'number' && dim > 0)) {
    // A static output shape lets a wrong labels file fail at load rather than at the first image.
    yoloLayout(output.shape as number[], labels.length, labelsSource);
  }
  return { session, labels, labelsSource, input: inputOf(session, file.path), output: output.name };
}

/**
 * A detector on a user-supplied YOLO ONNX file (onnxruntime-node): letterbox to the model's input
 * size, decode v5 or v8/11 output, map boxes back through the letterbox.
 */
export function yoloOnnxDetector(options: YoloOnnxOptions): Detector {
  // loadOnnxSession keeps the session for the process: releasing them all forgets it there too.
  const model = new ModelSlot(() => loadYolo(options), releaseOnnxSessions);

  async function detect(image: DecodedImage, minScore: number): Promise<Candidate[]> {
    const { session, labels, labelsSource, input, output } = await model.get();
    const { Tensor } = await import('onnxruntime-node');
    const tensor = await toTensor(image, {
      width: input.width,
      height: input.height,
      fit: 'letterbox',
      layout: input.layout,
      padValue: PAD,
    });
    const results = await session.run({ [input.name]: new Tensor('float32', tensor.data, tensor.dims) });
    const result = results[output];
    if (!(result instanceof Tensor) || result.type !== 'float32') {
      throw new MmskillsError('model_failed', `ONNX output "${output}" is not a float32 tensor`);
    }
    const dims = result.dims;
    const layout = yoloLayout(dims, labels.length, labelsSource);
    const boxes = decodeYolo(result.data as Float32Array, dims, labels.length, layout, minScore);
    const letterbox = tensor.letterbox ?? { scale: 1, padX: 0, padY: 0 };
    return boxes.map(({ box, classIndex, score }) => ({
      classIndex,
      score,
      box: unletterbox(box, letterbox, image.width, image.height),
    }));
  }

  return {
    labels: async () => (await model.get()).labels,
    detect,
    load: async () => {
      await model.get();
    },
    unload: () => model.unload(),
    status: () => ({
      name: basename(options.modelPath),
      source: 'user',
      path: options.modelPath,
      labels: options.labelsPath ?? 'coco-80',
      backend: 'onnxruntime-node (cpu)',
      loaded: model.current !== undefined,
    }),
  };
}
