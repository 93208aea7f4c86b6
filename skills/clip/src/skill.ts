import { imageSourcePolicyFromEnv } from '@mmskills/core';
import { defineSkill, type SkillDefinition } from '@mmskills/skill-kit';
import { ClipModels } from './pipeline/clip-models.js';
import { createClassifyImage } from './tools/classify-image.js';
import { createSearchImages } from './tools/search-images.js';

/** Options of {@link createClipSkill}. */
export interface ClipSkillOptions {
  /** A catalogue name (`clip-vit-base-patch32`, `siglip-base-patch16-224`) or a model folder; default: the catalogue default. */
  model?: string;
  /** Where the model cache, index folder and file roots come from (default: `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/**
 * The clip skill: `classify_image` (zero-shot labels) and `search_images` (a folder ranked by a
 * text or picture query, over an on-disk embedding index), on CLIP or SigLIP through transformers.js.
 * @see ../README.md
 */
export function createClipSkill(options: ClipSkillOptions = {}): SkillDefinition {
  const env = options.env ?? process.env;
  const models = new ClipModels(options.model, env);
  const classifyImage = createClassifyImage(models);
  return defineSkill({
    name: 'clip',
    title: 'CLIP: classify and search images',
    description: 'Zero-shot image classification and text or image search over a folder (CLIP, SigLIP).',
    version: '0.1.0',
    registryName: 'io.github.mmskills/clip',
    packageName: '@mmskills/skill-clip',
    icons: classifyImage.icons,
    tools: [classifyImage, createSearchImages(models, imageSourcePolicyFromEnv(env), env)],
    load: async () => {
      await Promise.all([models.load('joint'), models.load('text'), models.load('vision')]);
    },
    unload: () => models.unload(),
    model: () => models.status(),
    // One model, and one writer per folder index: calls take turns.
    concurrency: 1,
  });
}

/** The clip skill with the model `MMSKILLS_CLIP_MODEL` names, or the default one. */
export const clipSkill: SkillDefinition = createClipSkill({ model: process.env.MMSKILLS_CLIP_MODEL });
