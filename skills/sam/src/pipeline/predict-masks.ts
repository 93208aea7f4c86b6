import { RawImage, Tensor } from '@huggingface/transformers';
import type { DecodedImage } from '@mmskills/core';
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
  const processor = sam.processor as unknown as SamProcessorApi;
  const model = sam.model as unknown as SamModelApi;
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  const inputs = await processor(new RawImage(pixels, image.width, image.height, 3));
  const sizes = [inputs.original_sizes, inputs.reshaped_input_sizes] as const;
  onStage?.('encoding the image');
  const embeddings = await model.get_image_embeddings(inputs);
  const masks: PredictedMask[] = [];
  for (const [index, prompt] of prompts.entries()) {
    onStage?.(`decoding prompt ${index + 1} of ${prompts.length}`);
    const feeds: Record<string, Tensor> = { ...embeddings };
    const { points, labels } = decoderPoints(prompt, sam.boxInput);
    if (points.length > 0) {
      feeds.input_points = processor.image_processor.reshape_input_points([[...points]], ...sizes);
      feeds.input_labels = new Tensor('int64', BigInt64Array.from(labels.map(BigInt)), [1, 1, labels.length]);
    }
    if (sam.boxInput && prompt.box) {
      feeds.input_boxes = processor.image_processor.reshape_input_points([[prompt.box]], ...sizes, true);
    }
    const output = await model(feeds);
    const scores = output.iou_scores.data as Float32Array;
    for (const channel of pick(scores, multimask)) {
      // One mask at a time: the full-size float mask is 4 bytes a pixel (160 MB at 40 MP).
      const one = output.pred_masks.slice(null, null, [channel, channel + 1]);
      const [scaled] = await processor.post_process_masks(one, ...sizes);
      if (!scaled) throw new Error('post_process_masks returned no mask');
      masks.push({ prompt: index, score: scores[channel] ?? 0, plane: scaled.data as Uint8Array });
    }
  }
  return masks;
}
