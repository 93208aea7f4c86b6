import { MmskillsError, nms } from '@mmskills/core';
import { type DecodedImage, toTensor } from '@mmskills/image';
import type { Tf } from '@mmskills/models';
import { blazeFaceAnchors } from './anchors.js';
import { type DetectorOutput, decodeDetections, type FaceCandidate } from './decode-detections.js';
import type { DetectionModels, GraphModel } from './face-models.js';

type Tensor = ReturnType<Tf['tensor']>;

// MediaPipe's BlazeFace graphs suppress at this overlap.
const NMS_IOU = 0.3;

function notBlazeFace(detail: string): MmskillsError {
  return new MmskillsError('model_failed', `the face detector does not look like BlazeFace: ${detail}`);
}

function inputSizeOf(detector: GraphModel): number {
  const input = detector.inputs[0];
  const shape = input?.shape ?? [];
  const [, height, width, channels] = shape;
  if (shape.length !== 4 || !height || height <= 0 || height !== width || channels !== 3) {
    throw notBlazeFace(`its input is [${shape.join(', ')}], not [1, size, size, 3]`);
  }
  if (input?.dtype !== 'float32') throw notBlazeFace(`its input is ${input?.dtype}, not float32`);
  return height;
}

/** Concatenates the per-feature-map outputs (finer map first) or splits a single [1, N, 17] output. */
async function readOutputs(outputs: Tensor[], anchorCount: number): Promise<DetectorOutput> {
  const rows = (t: Tensor) => t.shape[1] ?? 0;
  const columns = (t: Tensor) => t.shape[t.shape.length - 1] ?? 0;
  const byRowsDesc = (a: Tensor, b: Tensor) => rows(b) - rows(a);
  let logits: Float32Array;
  let regressors: Float32Array;
  const [single] = outputs;
  if (outputs.length === 1 && single && columns(single) === 17) {
    const all = (await single.data()) as Float32Array;
    logits = new Float32Array(anchorCount);
    regressors = new Float32Array(anchorCount * 16);
    for (let i = 0; i < anchorCount; i++) {
      logits[i] = all[i * 17] ?? 0;
      regressors.set(all.subarray(i * 17 + 1, i * 17 + 17), i * 16);
    }
  } else {
    const concat = async (parts: Tensor[]) => {
      const arrays = await Promise.all(parts.map(async (t) => (await t.data()) as Float32Array));
      const joined = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
      let at = 0;
      for (const a of arrays) {
        joined.set(a, at);
        at += a.length;
      }
      return joined;
    };
    logits = await concat(outputs.filter((t) => columns(t) === 1).sort(byRowsDesc));
    regressors = await concat(outputs.filter((t) => columns(t) === 16).sort(byRowsDesc));
  }
  if (logits.length !== anchorCount || regressors.length !== anchorCount * 16) {
    throw notBlazeFace(
      `it gave ${logits.length} scores and ${regressors.length / 16} boxes for ${anchorCount} anchors`,
    );
  }
  return { logits, regressors };
}

/** Runs BlazeFace on the letterboxed image; returns candidates above `minScore` after NMS, best first. */
export async function detectCandidates(
  models: DetectionModels,
  image: DecodedImage,
  minScore: number,
): Promise<FaceCandidate[]> {
  const { tf, detector } = models;
  const inputSize = inputSizeOf(detector);
  const anchors = blazeFaceAnchors(inputSize);
  // BlazeFace takes RGB in [-1, 1].
  const input = await toTensor(image, {
    width: inputSize,
    height: inputSize,
    fit: 'letterbox',
    layout: 'hwc',
    scale: 2 / 255,
    mean: [1, 1, 1],
  });
  const outputs = tf.tidy(() => {
    const result = detector.execute(tf.tensor(input.data, input.dims));
    return Array.isArray(result) ? result : [result];
  });
  let raw: DetectorOutput;
  try {
    raw = await readOutputs(outputs, anchors.length);
  } finally {
    tf.dispose(outputs);
  }
  const letterbox = input.letterbox ?? { scale: 1, padX: 0, padY: 0 };
  const frame = { letterbox, width: image.width, height: image.height };
  return nms(decodeDetections(raw, anchors, frame, minScore), NMS_IOU);
}
