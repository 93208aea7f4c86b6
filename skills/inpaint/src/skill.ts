import { defineSkill, type SkillDefinition } from '@mmskills/skill-kit';
import { lamaModel } from './pipeline/lama-model.js';
import { createRemoveObject } from './tools/remove-object.js';

/** Options of {@link createInpaintSkill}. */
export interface InpaintSkillOptions {
  /** A catalogue name (`lama-fp32`) or a folder holding a LaMa ONNX export; absent: the default, pulled. */
  model?: string;
  /** The model cache to look in; `MMSKILLS_MODEL_DIR` or ~/.cache/mmskills/models when absent. */
  cacheDir?: string;
}

/**
 * The inpaint skill: `remove_object` on LaMa (ONNX, onnxruntime-node). It starts without its model
 * and answers each call with the command that pulls it.
 * @see ../README.md
 */
export function createInpaintSkill(options: InpaintSkillOptions = {}): SkillDefinition {
  const model = lamaModel({ choice: options.model, cacheDir: options.cacheDir });
  const removeObject = createRemoveObject(model);
  return defineSkill({
    name: 'inpaint',
    title: 'Object removal',
    description: 'Removes objects from pictures: fills a mask or boxes with plausible background (LaMa).',
    version: '0.1.0',
    registryName: 'io.github.mmskills/inpaint',
    packageName: '@mmskills/skill-inpaint',
    // The skill is its one tool, and shows the same picture.
    icons: removeObject.icons,
    tools: [removeObject],
    load: async () => {
      await model.get();
    },
    unload: () => model.unload(),
    model: () => model.status(),
    concurrency: 1,
  });
}

/** The inpaint skill with its default model from the cache. */
export const inpaintSkill: SkillDefinition = createInpaintSkill();
