import { MmskillsError } from '@mmskills/core';
import { type DecodedImage, toTensor } from '@mmskills/image';
import type { MatteModel } from './matte-model.js';

type Tensor = ReturnType<MatteModel['tf']['tensor']>;

/** Person alpha 0..1 at the model's working size, rows top to bottom; personMask scales it to the picture. */
export interface Matte {
  alpha: Float32Array;
  width: number;
  height: number;
}

// RVM predicts coarsely at downsample_ratio × the input size, then refines at the input size. On
// the astronaut a 256 px coarse pass found the same person as 384 and 512 px (coverage 0.419, 0.418,
// 0.440) at half the time or less, and a 512 px working size bounds the refinement cost on big photos.
const WORK_SIDE = 512;
const COARSE_SIDE = 256;

function workSize(image: DecodedImage): { width: number; height: number } {
  const scale = Math.min(1, WORK_SIDE / Math.max(image.width, image.height));
  return {
    width: Math.max(1, Math.round(image.width * scale)),
    height: Math.max(1, Math.round(image.height * scale)),
  };
}

/**
 * Runs the model on one picture and returns its person matte at the working size. RVM
 * starts from empty recurrent state (a single frame); Selfie-style models see the picture
 * stretched to their input size. Every tensor made here is disposed before returning.
 */
export async function runMatte(model: MatteModel, image: DecodedImage): Promise<Matte> {
  const { tf, graph } = model;
  const fixed = graph.inputs[0]?.shape;
  const size =
    model.kind === 'selfie' && fixed?.[1] && fixed[2] && fixed[1] > 0 && fixed[2] > 0
      ? { width: fixed[2], height: fixed[1] }
      : workSize(image);
  const pixels = await toTensor(image, { ...size, fit: 'stretch', layout: 'hwc' });
  const owned: Tensor[] = [];
  const own = <T extends Tensor>(tensor: T): T => {
    owned.push(tensor);
    return tensor;
  };
  try {
    const input = own(tf.tensor4d(pixels.data, [1, size.height, size.width, 3]));
    let raw: Tensor;
    if (model.kind === 'rvm') {
      const feeds: Record<string, Tensor> = {
        src: input,
        downsample_ratio: own(tf.scalar(Math.min(1, COARSE_SIDE / Math.max(size.width, size.height)))),
      };
      for (const name of ['r1i', 'r2i', 'r3i', 'r4i']) feeds[name] = own(tf.scalar(0));
      raw = own((await graph.executeAsync(feeds, 'pha')) as Tensor);
    } else {
      const outputs = graph.execute(input) as Tensor | Tensor[];
      const all = Array.isArray(outputs) ? outputs : [outputs];
      for (const output of all) own(output);
      raw = all[0] ?? input;
    }
    if (raw.size !== size.width * size.height) {
      throw new MmskillsError(
        'model_failed',
        `segmentation model "${model.path}" returned shape [${raw.shape.join(', ')}], not one ` +
          `${size.height}×${size.width} mask; it is not a person segmentation model`,
      );
    }
    const clipped = own(tf.clipByValue(raw, 0, 1));
    return { alpha: (await clipped.data()) as Float32Array, ...size };
  } finally {
    for (const tensor of owned) tensor.dispose();
  }
}
