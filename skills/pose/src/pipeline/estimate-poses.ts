import { MmskillsError } from '@mmskills/core';
import { type DecodedImage, toTensor } from '@mmskills/image';
import { decodePoses, type Pose } from './decode-poses.js';
import type { GraphModel, LoadedPoseModel } from './pose-model.js';

// MoveNet MultiPose takes any size in multiples of 32; its authors recommend a long side of 256.
const LONG_SIDE = 256;
const MULTIPLE = 32;

function notMoveNet(detail: string): MmskillsError {
  return new MmskillsError('model_failed', `the pose model does not look like MoveNet: ${detail}`);
}

/** The model's fixed input size, or for a dynamic input, 256 on the long side and a multiple of 32. */
function inputSizeFor(model: GraphModel, image: { width: number; height: number }) {
  const input = model.inputs[0];
  const shape = input?.shape ?? [];
  if (shape.length !== 4 || shape[3] !== 3) {
    throw notMoveNet(`its input is [${shape.join(', ')}], not [1, height, width, 3]`);
  }
  if (input?.dtype !== 'int32') throw notMoveNet(`its input is ${input?.dtype}, not int32`);
  const [, fixedHeight = -1, fixedWidth = -1] = shape;
  if (fixedHeight > 0 && fixedWidth > 0) return { width: fixedWidth, height: fixedHeight };
  const shortSide = (LONG_SIDE * Math.min(image.width, image.height)) / Math.max(image.width, image.height);
  const rounded = Math.max(MULTIPLE, Math.ceil(shortSide / MULTIPLE) * MULTIPLE);
  return image.width >= image.height
    ? { width: LONG_SIDE, height: rounded }
    : { width: rounded, height: LONG_SIDE };
}

/** Runs MoveNet on the letterboxed image and returns the people scored at least `minScore`, best first. */
export async function estimatePoses(
  loaded: LoadedPoseModel,
  image: DecodedImage,
  minScore: number,
): Promise<Pose[]> {
  const { tf, model } = loaded;
  const { width, height } = inputSizeFor(model, image);
  // MoveNet takes RGB as int32 0–255; the letterbox keeps body proportions so keypoints map back.
  const input = await toTensor(image, { width, height, fit: 'letterbox', layout: 'hwc', scale: 1 });
  const pixels = Int32Array.from(input.data, (value) => Math.round(value));
  const output = tf.tidy(() => {
    const result = model.execute(tf.tensor(pixels, [1, height, width, 3], 'int32'));
    if (Array.isArray(result)) throw notMoveNet(`it has ${result.length} outputs, not 1`);
    return result;
  });
  let values: Float32Array;
  try {
    const last = output.shape[output.shape.length - 1];
    if (last !== 56 && last !== 3) throw notMoveNet(`its output is [${output.shape.join(', ')}]`);
    values = (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
  const letterbox = input.letterbox ?? { scale: 1, padX: 0, padY: 0 };
  const frame = {
    inputWidth: width,
    inputHeight: height,
    letterbox,
    width: image.width,
    height: image.height,
  };
  return decodePoses(values, frame, minScore);
}
