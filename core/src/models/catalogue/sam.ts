import type { SkillModelInput } from './entry.js';

/** The models the `sam` skill runs (see entry.ts). */
export const SAM_MODELS: SkillModelInput[] = [];
