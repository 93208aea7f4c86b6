import type { SkillModelInput } from './entry.js';

/** The models the `caption` skill runs (see entry.ts). */
export const CAPTION_MODELS: SkillModelInput[] = [];
