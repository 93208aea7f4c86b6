import type { SkillModelInput } from './entry.js';

/** The models the `inpaint` skill runs (see entry.ts). */
export const INPAINT_MODELS: SkillModelInput[] = [];
