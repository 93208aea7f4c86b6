import type { SkillModelInput } from './entry.js';

/** The models the `ground` skill runs (see entry.ts). */
export const GROUND_MODELS: SkillModelInput[] = [];
