import type { RawImage, Tensor } from '@huggingface/transformers';
import { type DecodedImage, scaledDown } from '@mmskills/image';
import sharp from 'sharp';
import { decoderPoints, type Prompt } from './prompts.js';
import type { LoadedSam } from './sam-model.js';

/** One predicted mask at the image's size: 1 byte a pixel, 1 inside, 0 outside. */
export interface PredictedMask {
  /** Index of the prompt it answers. */
  prompt: number;
  /** The model's predicted IoU of this mask. */
  score: number;
  plane: Uint8Array;
}

type Sizes = [number, number][];
interface SamProcessorApi {
  (image: RawImage): Promise<{ pixel_values: Tensor; original_sizes: Sizes; reshaped_input_sizes: Sizes }>;
  image_processor: {
    size?: Record<string, unknown>;
    reshape_input_points(points: unknown, original: Sizes, reshaped: Sizes, isBox?: boolean): Tensor;
  };
  post_process_masks(masks: Tensor, original: Sizes, reshaped: Sizes): Promise<Tensor[]>;
}
interface SamModelApi {
  (inputs: Record<string, Tensor>): Promise<{ iou_scores: Tensor; pred_masks: Tensor }>;
  get_image_embeddings(inputs: { pixel_values: Tensor }): Promise<Record<string, Tensor>>;
}

/** The order of a prompt's three masks to return: all, best first, or only the best. */
function pick(scores: Float32Array, multimask: boolean): number[] {
  const order = Array.from(scores.keys()).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  return multimask ? order : order.slice(0, 1);
}

/**
 * Below this many pixels on the longer side (or twice the model's input side, if more) the image
 * goes to the processor whole; above, shrunk to it first (the processor scales it to the model's
 * input anyway), and the masks come back at the shrunk size and are scaled up to the image.
 */
const WHOLE_SIDE = 2048;

/** The image as the processor sees it: shrunk, aspect kept, where much larger than the model's input. */
async function seenImage(image: DecodedImage, inputSide: number): Promise<DecodedImage> {
  const limit = Math.max(WHOLE_SIDE, 2 * inputSide);
  return scaledDown(image, limit / Math.max(image.width, image.height));
}

/** A 0/1 mask of the seen image scaled up to `width` × `height`, still 0/1 (bilinear, then halfway). */
async function scaledMask(plane: Uint8Array, seen: DecodedImage, width: number, height: number) {
  const grey = Buffer.alloc(plane.length);
  for (let i = 0; i < plane.length; i += 1) if (plane[i]) grey[i] = 255;
  const scaled = await sharp(grey, { raw: { width: seen.width, height: seen.height, channels: 1 } })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  for (let i = 0; i < scaled.length; i += 1) scaled[i] = (scaled[i] ?? 0) >= 128 ? 1 : 0;
  return new Uint8Array(scaled.buffer, scaled.byteOffset, scaled.length);
}

/**
 * Runs the vision encoder once for the image and the prompt encoder and mask decoder once per
 * prompt, then scales each chosen low-res mask back to the image with the processor's
 * post_process_masks (unpad, resize, threshold at logit 0).
 */
export async function predictMasks(
  sam: LoadedSam,
  image: DecodedImage,
  prompts: readonly Prompt[],
  { multimask, onStage }: { multimask: boolean; onStage?: (stage: string) => void },
): Promise<PredictedMask[]> {
  const { RawImage, Tensor } = sam.library;
  const processor = sam.processor as unknown as SamProcessorApi;
  const model = sam.model as unknown as SamModelApi;
  const sizeConfig = Object.values(processor.image_processor.size ?? {}).filter(
    (side): side is number => typeof side === 'number',
  );
  const seen = await seenImage(image, Math.max(0, ...sizeConfig));
  const [sx, sy] = [seen.width / image.width, seen.height / image.height];
  const pixels = new Uint8ClampedArray(seen.data.buffer, seen.data.byteOffset, seen.data.length);
  const inputs = await processor(new RawImage(pixels, seen.width, seen.height, 3));
  const sizes = [inputs.original_sizes, inputs.reshaped_input_sizes] as const;
  onStage?.('encoding the image');
  const embeddings = await model.get_image_embeddings(inputs);
  const masks: PredictedMask[] = [];
  for (const [index, prompt] of prompts.entries()) {
    onStage?.(`decoding prompt ${index + 1} of ${prompts.length}`);
    const feeds: Record<string, Tensor> = { ...embeddings };
    // Prompts are in pixels of the image; the processor maps pixels of the image it saw.
    const { points: imagePoints, labels } = decoderPoints(prompt, sam.boxInput);
    const points = imagePoints.map(([x = 0, y = 0]) => [x * sx, y * sy]);
    const box = prompt.box && [
      prompt.box[0] * sx,
      prompt.box[1] * sy,
      prompt.box[2] * sx,
      prompt.box[3] * sy,
    ];
    if (points.length > 0) {
      feeds.input_points = processor.image_processor.reshape_input_points([[...points]], ...sizes);
      feeds.input_labels = new Tensor('int64', BigInt64Array.from(labels.map(BigInt)), [1, 1, labels.length]);
    }
    if (sam.boxInput && box) {
      feeds.input_boxes = processor.image_processor.reshape_input_points([[box]], ...sizes, true);
    }
    const output = await model(feeds);
    const scores = output.iou_scores.data as Float32Array;
    for (const channel of pick(scores, multimask)) {
      // One mask at a time: the float mask at the seen size is 4 bytes a pixel.
      const one = output.pred_masks.slice(null, null, [channel, channel + 1]);
      const [scaled] = await processor.post_process_masks(one, ...sizes);
      if (!scaled) throw new Error('post_process_masks returned no mask');
      const plane =
        seen === image
          ? (scaled.data as Uint8Array)
          : await scaledMask(scaled.data as Uint8Array, seen, image.width, image.height);
      masks.push({ prompt: index, score: scores[channel] ?? 0, plane });
    }
  }
  return masks;
}
