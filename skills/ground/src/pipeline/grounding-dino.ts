import { clampBox } from '@mmskills/core';
import type { Candidate, GroundingModel } from './candidate.js';
import type { ModelFolder } from './model-folder.js';
import { sessionOptions, transformers } from './transformers.js';

interface Grounded {
  boxes: number[][];
  scores: number[];
  labels: string[];
}

/** Grounding DINO's token-level threshold: which words of the prompt a box is said to show. */
const TEXT_THRESHOLD = 0.25;

/**
 * The phrase a Grounding DINO label came from: the model names a box by the prompt's tokens that
 * light up for it ("red mug", or only "mug"), so the label is matched back to the user's phrase
 * that holds the most of its words.
 */
export function phraseOf(label: string, phrases: readonly string[]): string | undefined {
  const words = label.toLowerCase().split(/\s+/).filter(Boolean);
  let best: string | undefined;
  let bestShared = 0;
  for (const phrase of phrases) {
    const own = new Set(phrase.toLowerCase().split(/\s+/));
    const shared = words.filter((word) => own.has(word)).length;
    if (shared > bestShared) {
      best = phrase;
      bestShared = shared;
    }
  }
  // A box whose words matched no phrase (a lone subword) still belongs to the only phrase asked for.
  return best ?? (phrases.length === 1 ? phrases[0] : undefined);
}

/**
 * Grounding DINO through transformers.js: the prompt is the phrases as it was trained on them,
 * lower case, each ending in ". "; the processor's `post_process_grounded_object_detection` scores
 * each of the 900 queries by its best token and names it by the tokens over the text threshold.
 */
export async function loadGroundingDino(folder: ModelFolder): Promise<GroundingModel> {
  const library = await transformers();
  const options = { local_files_only: true };
  const [processor, model] = await Promise.all([
    library.AutoProcessor.from_pretrained(folder.dir, options),
    library.AutoModelForZeroShotObjectDetection.from_pretrained(folder.dir, {
      ...options,
      dtype: folder.dtype,
      session_options: sessionOptions(),
    }),
  ]);
  const grounding = processor as unknown as {
    (image: unknown, text: string): Promise<Record<string, unknown> & { input_ids: unknown }>;
    post_process_grounded_object_detection: (
      outputs: unknown,
      inputIds: unknown,
      options: object,
    ) => Grounded[];
  };
  return {
    dispose: async () => {
      await model.dispose();
    },
    async find(image, phrases, threshold) {
      const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
      const raw = new library.RawImage(pixels, image.width, image.height, 3);
      const prompt = `${phrases.map((phrase) => phrase.toLowerCase()).join('. ')}.`;
      const inputs = await grounding(raw, prompt);
      const outputs = await model(inputs);
      const [found] = grounding.post_process_grounded_object_detection(outputs, inputs.input_ids, {
        box_threshold: threshold,
        text_threshold: TEXT_THRESHOLD,
        target_sizes: null,
      });
      const candidates: Candidate[] = [];
      for (const [i, box] of (found?.boxes ?? []).entries()) {
        const phrase = phraseOf(found?.labels[i] ?? '', phrases);
        const score = found?.scores[i];
        if (phrase === undefined || score === undefined || box.length !== 4) continue;
        const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = box;
        candidates.push({ phrase, score, box: clampBox([x1, y1, x2, y2]) });
      }
      return candidates;
    },
  };
}
