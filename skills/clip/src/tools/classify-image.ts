import { MmskillsError } from '@mmskills/core';
import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import type { ClipModels } from '../pipeline/clip-models.js';
import { scoreLabels } from '../pipeline/embed.js';

export const ClassifyImageInputSchema = z.object({
  image: z
    .string()
    .min(1, 'image is empty; pass a data: URI, a file path or an http(s) URL')
    .describe(
      'The image: a data: URI, a file path or file:// URI inside the allowed roots, or an http(s) URL where the server allows URLs',
    ),
  labels: z
    .array(z.string().trim().min(1, 'a label is empty').max(200, 'a label is over 200 characters'))
    .min(2, 'give at least 2 candidate labels')
    .max(100, 'give at most 100 candidate labels')
    .refine((labels) => new Set(labels).size === labels.length, 'labels repeat; give each label once')
    .describe('The candidate labels, e.g. ["a cat", "a dog", "a car"] (2 to 100, each once)'),
  template: z
    .string()
    .max(300)
    .refine((template) => template.split('{}').length === 2, 'template must contain "{}" exactly once')
    .default('a photo of {}.')
    .describe(
      'The sentence each label is put into before it is compared with the image; "{}" marks the label',
    ),
});
export type ClassifyImageInput = z.infer<typeof ClassifyImageInputSchema>;

export const ClassifyImageOutputSchema = z.object({
  labels: z
    .array(
      z.object({
        label: z.string().describe('A candidate label, as given'),
        score: z.number().min(0).max(1).describe('Its score, 4 decimals'),
      }),
    )
    .describe('Every label, highest score first'),
  best: z.string().describe('The label with the highest score'),
  scoring: z
    .enum(['softmax', 'sigmoid'])
    .describe(
      'softmax (CLIP): the scores share 1 among the labels; sigmoid (SigLIP): each is its own yes/no probability',
    ),
  model: z.string().describe('The model that scored them'),
});
export type ClassifyImageOutput = z.infer<typeof ClassifyImageOutputSchema>;

/** `classify_image`: zero-shot classification of one image among labels the caller names. */
export function createClassifyImage(models: ClipModels) {
  return defineTool({
    name: 'classify_image',
    title: 'Classify an image',
    description:
      'Scores how well each of 2–100 candidate labels describes an image (zero-shot, CLIP or SigLIP) and names the best one.',
    input: ClassifyImageInputSchema,
    output: ClassifyImageOutputSchema,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    icons: icon('clip'),
    examples: [
      {
        request: 'Is this a photo of a cat, a dog or a bird?',
        API_params: { image: 'image_1', labels: ['a cat', 'a dog', 'a bird'] },
        answer: 'It looks most like {best} ({labels[0].score}).',
      },
    ],
    async run({ image, labels, template }, context) {
      const folder = models.folder();
      const decoded = await context.loadImage(image);
      context.progress('loading the model');
      const loaded = await models.load('joint');
      context.progress(`scoring ${labels.length} labels`);
      const scores = await scoreLabels(
        loaded,
        decoded,
        labels.map((label) => template.replace('{}', () => label)),
      );
      if (scores.length !== labels.length || scores.some((score) => !Number.isFinite(score))) {
        throw new MmskillsError(
          'model_failed',
          `the model gave ${scores.length} scores for ${labels.length} labels`,
        );
      }
      const ranked = labels
        .map((label, i) => ({ label, score: Math.round((scores[i] ?? 0) * 10_000) / 10_000 }))
        .sort((a, b) => b.score - a.score);
      const output: ClassifyImageOutput = {
        labels: ranked,
        best: ranked[0]?.label ?? '',
        scoring: folder.family === 'siglip' ? 'sigmoid' : 'softmax',
        model: folder.name,
      };
      const shown = ranked.slice(0, 5).map(({ label, score }) => `${label} ${score.toFixed(3)}`);
      return { structured: output, text: `best: ${output.best} (${output.scoring}); ${shown.join(', ')}` };
    },
  });
}
