import type { RawImage, Tensor } from '@huggingface/transformers';
import type { DecodedImage } from '@mmskills/image';
import { processorSide, shrunkForModel } from '@mmskills/image';
import type { Loaded } from './clip-models.js';
import type { ClipFamily } from './model-folder.js';

/** The picture as the processor takes it, no larger than it needs (see shrunkForModel). */
async function rawImage(loaded: Loaded, decoded: DecodedImage): Promise<RawImage> {
  const image = await shrunkForModel(decoded, processorSide(loaded.processor, 224));
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  return new loaded.library.RawImage(pixels, image.width, image.height, 3);
}

/** SigLIP was trained on texts padded to the tokenizer's full length; CLIP on the longest in the batch. */
function tokenize(loaded: Loaded, texts: string[]): Record<string, Tensor> {
  return loaded.tokenizer(texts, {
    padding: loaded.folder.family === 'siglip' ? 'max_length' : true,
    truncation: true,
  }) as Record<string, Tensor>;
}

/** Rows of a [N, D] tensor, each scaled to unit length so a dot product is the cosine. */
export function unitRows(tensor: Tensor): Float32Array[] {
  const [rows = 0, dim = 0] = tensor.dims;
  const data = tensor.data as Float32Array;
  return Array.from({ length: rows }, (_, row) => {
    const vector = Float32Array.from(data.subarray(row * dim, (row + 1) * dim));
    const norm = Math.hypot(...vector) || 1;
    return vector.map((value) => value / norm);
  });
}

// CLIPTextModelWithProjection / CLIPVisionModelWithProjection name their projected output
// text_embeds / image_embeds; SiglipTextModel / SiglipVisionModel give the pooled output.
function embeddingOf(output: Record<string, Tensor>, family: ClipFamily, kind: 'text' | 'image'): Tensor {
  const name = family === 'clip' ? `${kind}_embeds` : 'pooler_output';
  const tensor = output[name];
  if (!tensor)
    throw new Error(`the ${kind} model gave no ${name} output (it gave ${Object.keys(output).join(', ')})`);
  return tensor;
}

/** Unit-length embeddings of texts, from the text tower. */
export async function embedTexts(loaded: Loaded, texts: string[]): Promise<Float32Array[]> {
  const output = await loaded.model(tokenize(loaded, texts));
  return unitRows(embeddingOf(output, loaded.folder.family, 'text'));
}

/** Unit-length embeddings of decoded images, from the vision tower, in one batch. */
export async function embedImages(loaded: Loaded, images: DecodedImage[]): Promise<Float32Array[]> {
  const { pixel_values } = await loaded.processor(
    await Promise.all(images.map((image) => rawImage(loaded, image))),
  );
  const output = await loaded.model({ pixel_values });
  return unitRows(embeddingOf(output, loaded.folder.family, 'image'));
}

/**
 * The joint model's `logits_per_image` for one image against each text (its own logit scale, and
 * bias for SigLIP), turned into scores as transformers.js's zero-shot pipeline does: a softmax
 * over the labels for CLIP, an independent sigmoid per label for SigLIP.
 */
export async function scoreLabels(loaded: Loaded, image: DecodedImage, texts: string[]): Promise<number[]> {
  const { pixel_values } = await loaded.processor(await rawImage(loaded, image));
  const output = await loaded.model({ ...tokenize(loaded, texts), pixel_values });
  const logits = Array.from((output.logits_per_image as Tensor).data as Float32Array);
  if (loaded.folder.family === 'siglip') return logits.map((logit) => 1 / (1 + Math.exp(-logit)));
  const top = Math.max(...logits);
  const weights = logits.map((logit) => Math.exp(logit - top));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => weight / total);
}
