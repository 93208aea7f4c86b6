import type { Sample } from '../sample.js';

/** Where a picture sits in a turn's text: LLaVA's token, which LLaMA-Factory and ms-swift read too. */
export const IMAGE_PLACEHOLDER = '<image>';

/** The token LLaVA puts at the start of the first human turn for each picture the user sent. */
export const IMAGE_TOKEN = `${IMAGE_PLACEHOLDER}\n`;

export const countImageTokens = (text: string): number => text.split(IMAGE_PLACEHOLDER).length - 1;

/** Every picture of a sample, in the order its `<image>` tokens appear: the user's, then tools'. */
export function allImagesOf(sample: Sample): string[] {
  if (sample.image === undefined) return [];
  return typeof sample.image === 'string' ? [sample.image] : sample.image;
}

/**
 * The pictures the question comes with: as many as the first human turn has `<image>` tokens
 * (all of them for a sample whose first turn has none, as older LLaVA files may). Pictures that
 * tools made follow them in `image` and belong to later turns.
 */
export function imagesOf(sample: Sample): string[] {
  const all = allImagesOf(sample);
  const first = sample.conversations.find((turn) => turn.from === 'human')?.value ?? '';
  const tokens = countImageTokens(first);
  return tokens === 0 ? all : all.slice(0, tokens);
}

/** `image` as LLaVA writes it: a string for one picture, a list for several, absent for none. */
export function imageField(paths: readonly string[]): Pick<Sample, 'image'> {
  if (paths.length === 0) return {};
  return { image: paths.length === 1 ? (paths[0] as string) : [...paths] };
}
