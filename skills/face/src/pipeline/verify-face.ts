import type { DecodedImage } from '@mmskills/image';
import type { DetectionModels } from './face-models.js';
import { sampleRegion, squareAround } from './sample-region.js';

// FaceMesh was trained on face crops with a margin around the detector's box.
const CROP_SCALE = 1.5;
const FACE_FLAG_OUTPUT = 'output_faceflag';

/**
 * FaceMesh's face-presence probability for a detected box (pixel corners). BlazeFace alone scores
 * cat faces and mugs as high as real faces; FaceMesh tells them apart.
 */
export async function faceFlag(
  models: DetectionModels,
  image: DecodedImage,
  box: readonly [number, number, number, number],
): Promise<number> {
  const { tf, verifier } = models;
  const size = verifier.inputs[0]?.shape?.[1] ?? 192;
  const pixels = sampleRegion(image, squareAround(box, CROP_SCALE), size, size);
  const flag = tf.tidy(() => {
    const input = tf.div(tf.tensor(pixels, [1, size, size, 3]), 255);
    return verifier.execute(input, FACE_FLAG_OUTPUT) as ReturnType<typeof tf.tensor>;
  });
  try {
    return (await flag.data())[0] ?? 0;
  } finally {
    flag.dispose();
  }
}
