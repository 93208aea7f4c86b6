import { resolveSkillModel } from '@mmskills/core';
import { defineSkill, type SkillDefinition } from '@mmskills/skill-kit';
import { Florence } from './pipeline/florence.js';
import { describeImageTool } from './tools/describe-image.js';
import { tagImageTool } from './tools/tag-image.js';

/** Options of {@link createCaptionSkill}. */
export interface CaptionSkillOptions {
  /** A catalogue name (`florence-2-base-ft`, …) or a folder with a Florence-2 ONNX export; default: the catalogue's default. */
  model?: string;
  /** The model cache to look in; default `MMSKILLS_MODEL_DIR` or `~/.cache/mmskills/models`. */
  cacheDir?: string;
}

/**
 * The caption skill: `describe_image` and `tag_image` on Florence-2 through transformers.js. The
 * model is found when first needed, so a skill started before `mmskills model pull` still serves.
 * @see ../README.md
 */
export function createCaptionSkill(options: CaptionSkillOptions = {}): SkillDefinition {
  const florence = new Florence(() =>
    resolveSkillModel({
      skill: 'caption',
      ...(options.model !== undefined && { choice: options.model }),
      ...(options.cacheDir !== undefined && { cacheDir: options.cacheDir }),
      flag: '--model',
      envVar: 'MMSKILLS_CAPTION_MODEL',
    }),
  );
  const describeImage = describeImageTool(florence);
  const tagImage = tagImageTool(florence);
  return defineSkill({
    name: 'caption',
    title: 'Captions and tags',
    description: 'Describes pictures in words and tags what they show (Florence-2).',
    version: '0.1.0',
    registryName: 'io.github.mmskills/caption',
    packageName: '@mmskills/skill-caption',
    icons: describeImage.icons,
    tools: [describeImage, tagImage],
    load: () => florence.load(),
    unload: () => florence.unload(),
    model: () => florence.status(),
    // One model, one generation at a time: two at once would only share the same cores.
    concurrency: 1,
  });
}

/** The caption skill with its default model choice. */
export const captionSkill: SkillDefinition = createCaptionSkill();
