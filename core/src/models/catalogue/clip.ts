import type { SkillModelInput } from './entry.js';

/** The models the `clip` skill runs (see entry.ts). */
export const CLIP_MODELS: SkillModelInput[] = [];
