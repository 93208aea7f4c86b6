import { isMmskillsError } from '@mmskills/core';
import { defineSkill, type SkillDefinition } from '@mmskills/skill-kit';
import { type SamModelOptions, SamModelSlot } from './pipeline/sam-model.js';
import { createSegmentRegion } from './tools/segment-region.js';

/**
 * The sam skill: `segment_region`, Segment Anything with box and point prompts, on a SAM-family
 * model pulled with `mmskills model pull` (SlimSAM by default) or a folder the user gives.
 * Without its model it still starts and answers every call with the pull command.
 * @see ../README.md
 */
export function createSamSkill(options: SamModelOptions = {}): SkillDefinition {
  const slot = new SamModelSlot(options);
  const segmentRegion = createSegmentRegion(slot);
  return defineSkill({
    name: 'sam',
    title: 'Promptable segmentation',
    description: 'Segment Anything: masks and cut-outs of the objects you box or point at.',
    version: '0.1.0',
    registryName: 'io.github.mmskills/sam',
    packageName: '@mmskills/skill-sam',
    // The skill is its one tool, and shows the same picture.
    icons: segmentRegion.icons,
    tools: [segmentRegion],
    // --preload with no model pulled still serves: every call then names the pull command.
    load: async () => {
      await slot.get().catch((error: unknown) => {
        if (!isMmskillsError(error, 'model_not_found')) throw error;
      });
    },
    unload: () => slot.unload(),
    model: () => slot.status(),
  });
}

/** The sam skill with its default model: `slimsam-77-uniform` from the model cache. */
export const samSkill: SkillDefinition = createSamSkill();
