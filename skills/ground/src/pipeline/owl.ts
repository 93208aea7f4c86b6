import { clampBox } from '@mmskills/core';
import type { DecodedImage } from '@mmskills/image';
import sharp from 'sharp';
import type { Candidate, GroundingModel } from './candidate.js';
import type { ModelFolder } from './model-folder.js';
import { sessionOptions, transformers } from './transformers.js';

interface Detections {
  boxes: number[][];
  classes: number[];
  scores: number[];
}

// OWLv2 was trained on pictures padded to a square with grey (0.5) at the bottom and right, and its
// boxes are fractions of that square; transformers.js's Owlv2ImageProcessor stretches instead, so
// the skill pads first, as the reference (Python) processor does.
const PAD_GREY = { r: 128, g: 128, b: 128 };

/** The picture padded to a square, and how many times wider and taller that square is than the picture. */
async function squared(
  image: DecodedImage,
  inputSide: number,
): Promise<{ square: DecodedImage; sx: number; sy: number }> {
  const side = Math.max(image.width, image.height);
  // Shrunk first where much larger than the model's input: the square is all the model sees.
  const scale = Math.min(1, (2 * inputSide) / side);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const square = Math.max(width, height);
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  })
    .resize(width, height, { fit: 'fill' })
    .extend({ right: square - width, bottom: square - height, background: PAD_GREY })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    square: { data, width: info.width, height: info.height, format: image.format },
    sx: square / width,
    sy: square / height,
  };
}

/**
 * OWL-ViT and OWLv2 through transformers.js: its tokenizer, image processor, model and
 * `post_process_object_detection` (sigmoid of each patch's logit per query, boxes from cx, cy, w, h).
 */
export async function loadOwl(folder: ModelFolder): Promise<GroundingModel> {
  const library = await transformers();
  const options = { local_files_only: true };
  const [tokenizer, processor, model] = await Promise.all([
    library.AutoTokenizer.from_pretrained(folder.dir, options),
    library.AutoImageProcessor.from_pretrained(folder.dir, options),
    library.AutoModelForZeroShotObjectDetection.from_pretrained(folder.dir, {
      ...options,
      dtype: folder.dtype,
      session_options: sessionOptions(),
    }),
  ]);
  const inputSide = (processor as { size?: { height?: number } }).size?.height ?? 960;
  const padded = folder.family === 'owlv2';
  return {
    dispose: async () => {
      await model.dispose();
    },
    async find(image, phrases, threshold) {
      const {
        square: seen,
        sx,
        sy,
      } = padded ? await squared(image, inputSide) : { square: image, sx: 1, sy: 1 };
      const pixels = new Uint8ClampedArray(seen.data.buffer, seen.data.byteOffset, seen.data.length);
      const raw = new library.RawImage(pixels, seen.width, seen.height, 3);
      const text = tokenizer([...phrases], { padding: true, truncation: true });
      const { pixel_values } = await processor(raw);
      const outputs = await model({ ...text, pixel_values });
      const [found] = (
        processor as unknown as { post_process_object_detection: (...args: unknown[]) => Detections[] }
      ).post_process_object_detection(outputs, threshold, null, true);
      // Square fractions → fractions of the picture: the grey padding lies past its right or bottom edge.
      const candidates: Candidate[] = [];
      for (const [i, box] of (found?.boxes ?? []).entries()) {
        const phrase = phrases[found?.classes[i] ?? -1];
        const score = found?.scores[i];
        if (phrase === undefined || score === undefined || box.length !== 4) continue;
        const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = box;
        candidates.push({ phrase, score, box: clampBox([x1 * sx, y1 * sy, x2 * sx, y2 * sy]) });
      }
      return candidates;
    },
  };
}
