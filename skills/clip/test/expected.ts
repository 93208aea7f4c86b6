import { TINY_BIAS, TINY_SCALE, type TinyFamily } from './fixtures/tiny-models.js';

// The tiny models' maths, written out again independently of the skill, so the tests can say
// what each score must be.
const MEAN = { clip: [0.48145466, 0.4578275, 0.40821073], siglip: [0.5, 0.5, 0.5] };
const STD = { clip: [0.26862954, 0.26130258, 0.27577711], siglip: [0.5, 0.5, 0.5] };

const unit = (v: number[]) => {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};
const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

/** The unit image embedding of a solid picture of `rgb` (0–255 per channel). */
export function imageEmbedding(family: TinyFamily, rgb: [number, number, number]): number[] {
  return unit([...rgb.map((c, i) => (c / 255 - (MEAN[family][i] ?? 0)) / (STD[family][i] ?? 1)), 0]);
}

/** The unit text embedding of a text with one colour word among `others` other (counted) tokens. */
export function textEmbedding(colour: 'red' | 'green' | 'blue', others: number): number[] {
  const axis = ['red', 'green', 'blue'].indexOf(colour);
  return unit([...[0, 1, 2].map((i): number => (i === axis ? 1 : 0)), 0.1 * others]);
}

/** The scores classify_image must give: softmax of scale × cosine (CLIP), sigmoid of scale × cosine + bias (SigLIP). */
export function expectedScores(family: TinyFamily, image: number[], texts: number[][]): number[] {
  const logits = texts.map((text) => TINY_SCALE * dot(image, text) + (family === 'siglip' ? TINY_BIAS : 0));
  if (family === 'siglip') return logits.map((logit) => 1 / (1 + Math.exp(-logit)));
  const weights = logits.map((logit) => Math.exp(logit));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}
