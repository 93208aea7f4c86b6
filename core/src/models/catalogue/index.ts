import { z } from 'zod';
import { CAPTION_MODELS } from './caption.js';
import { CLIP_MODELS } from './clip.js';
import { type SkillModel, SkillModelSchema } from './entry.js';
import { GROUND_MODELS } from './ground.js';
import { INPAINT_MODELS } from './inpaint.js';
import { SAM_MODELS } from './sam.js';

// Names are unique across skills (one cache folder per name), and each skill has one default.
const CatalogueSchema = z.array(SkillModelSchema).superRefine((models, context) => {
  const names = new Set<string>();
  const defaults = new Set<string>();
  for (const [index, model] of models.entries()) {
    if (names.has(model.name))
      context.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate name "${model.name}"` });
    names.add(model.name);
    if (model.default && defaults.has(model.skill))
      context.addIssue({
        code: 'custom',
        path: [index, 'default'],
        message: `a second default for ${model.skill}`,
      });
    if (model.default) defaults.add(model.skill);
  }
});

/** Every model a built-in skill can pull, checked once when core loads. */
export const SKILL_MODELS: readonly SkillModel[] = CatalogueSchema.parse([
  ...GROUND_MODELS,
  ...SAM_MODELS,
  ...CLIP_MODELS,
  ...CAPTION_MODELS,
  ...INPAINT_MODELS,
]);
