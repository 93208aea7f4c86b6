export type { SamModelOptions } from './pipeline/sam-model.js';
export { createSamSkill, samSkill } from './skill.js';
export {
  type SegmentRegionInput,
  SegmentRegionInputSchema,
  type SegmentRegionOutput,
  SegmentRegionOutputSchema,
} from './tools/segment-region-schema.js';
