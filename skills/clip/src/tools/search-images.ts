import { join } from 'node:path';
import { type ImageSourcePolicy, MmskillsError } from '@mmskills/core';
import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import type { ClipModels } from '../pipeline/clip-models.js';
import { contactSheet } from '../pipeline/contact-sheet.js';
import { embedImages, embedTexts } from '../pipeline/embed.js';
import { allowedFolder } from '../pipeline/image-folder.js';
import { indexDir, syncIndex } from '../pipeline/sync-index.js';

export const SearchImagesInputSchema = z
  .object({
    query: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('What to look for, in words, e.g. "a beach at sunset"'),
    image: z
      .string()
      .min(1, 'image is empty; pass a data: URI, a file path or an http(s) URL')
      .optional()
      .describe(
        'Or a picture to find pictures like: a data: URI, a file path inside the allowed roots, or an http(s) URL where allowed',
      ),
    folder: z
      .string()
      .min(1)
      .describe('The folder to search: a path inside the roots the server may read (MMSKILLS_FILE_ROOTS)'),
    top_k: z.number().int().min(1).max(50).default(5).describe('How many pictures to return, best first'),
    recursive: z.boolean().default(false).describe('Search the subfolders too'),
    contact_sheet: z.boolean().default(true).describe('Return the best pictures side by side as one image'),
  })
  .refine((input) => (input.query === undefined) !== (input.image === undefined), {
    message: 'give either query (words) or image (a picture to match), not both and not neither',
  });
export type SearchImagesInput = z.infer<typeof SearchImagesInputSchema>;

export const SearchImagesOutputSchema = z.object({
  results: z
    .array(
      z.object({
        file: z.string().describe('The picture’s path, usable as the image argument of other tools'),
        score: z.number().min(-1).max(1).describe('Cosine similarity to the query, 4 decimals'),
      }),
    )
    .describe('The best matches, highest score first'),
  indexed: z.number().int().describe('Pictures in the folder’s index now'),
  added: z.number().int().describe('New pictures embedded by this call'),
  updated: z.number().int().describe('Changed pictures (mtime or size) embedded again by this call'),
  removed: z.number().int().describe('Pictures gone from the folder, dropped from the index'),
  skipped: z
    .array(z.object({ file: z.string(), reason: z.string() }))
    .describe('Pictures that could not be read (at most 20 listed)'),
});
export type SearchImagesOutput = z.infer<typeof SearchImagesOutputSchema>;

/** `search_images`: ranks the pictures of an allowed folder by similarity to words or a picture. */
export function createSearchImages(models: ClipModels, policy: ImageSourcePolicy, env: NodeJS.ProcessEnv) {
  return defineTool({
    name: 'search_images',
    title: 'Search a folder of images',
    description:
      'Finds the pictures in a folder that best match a text query or an example picture (CLIP/SigLIP embeddings, kept in an on-disk index that updates as files change).',
    input: SearchImagesInputSchema,
    output: SearchImagesOutputSchema,
    // It writes only its own index, never the user's files.
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    icons: icon('clip'),
    examples: [
      {
        request: 'Which of my holiday photos show a beach?',
        API_params: { query: 'a beach', folder: 'Pictures/holiday', top_k: 5 },
        answer: 'The closest matches: {results[].file|none}.',
      },
    ],
    async run(input, context) {
      const model = models.folder();
      const folder = await allowedFolder(input.folder, policy.fileRoots);
      const example = input.image === undefined ? undefined : await context.loadImage(input.image);
      context.progress('loading the model');
      const sync = await syncIndex({
        model: model.key,
        folder,
        recursive: input.recursive,
        dir: indexDir(env, model.key, folder, input.recursive),
        vision: () => models.load('vision'),
        loadImage: (file) => context.loadImage(file),
        onEmbedded: (count) => {
          models.imagesEmbedded += count;
        },
        progress: (stage) => context.progress(stage),
        log: context.log,
        signal: context.signal,
      });
      const query = example
        ? (await embedImages(await models.load('vision'), [example]))[0]
        : (await embedTexts(await models.load('text'), [input.query ?? '']))[0];
      if (!query) throw new MmskillsError('model_failed', 'the model gave no embedding for the query');
      const { manifest, rows } = sync.index;
      const results = Object.entries(manifest.files)
        .map(([relative, entry]) => ({ file: join(folder, relative), score: dot(query, rows[entry.row]) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, input.top_k)
        .map(({ file, score }) => ({ file, score: Math.round(score * 10_000) / 10_000 }));
      const output: SearchImagesOutput = {
        results,
        indexed: rows.length,
        added: sync.added,
        updated: sync.updated,
        removed: sync.removed,
        skipped: sync.skipped.slice(0, 20),
      };
      const images =
        input.contact_sheet && results.length > 0
          ? [
              {
                data: await contactSheet(
                  await Promise.all(results.map(({ file }) => context.loadImage(file))),
                ),
                mimeType: 'image/png' as const,
              },
            ]
          : [];
      const listed = results.map(({ file, score }, i) => `${i + 1}. ${file} ${score.toFixed(3)}`).join('; ');
      const counts = `${output.indexed} indexed (${output.added} added, ${output.updated} updated, ${output.removed} removed)`;
      return {
        structured: output,
        images,
        text: `${results.length ? listed : 'no pictures found'}; ${counts}`,
      };
    },
  });
}

function dot(a: Float32Array, b: Float32Array | undefined): number {
  if (!b || b.length !== a.length) return -1;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}
