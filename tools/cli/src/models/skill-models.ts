import { SKILL_MODELS, type SkillModel, type SkillModelInput, SkillModelSchema } from '@mmskills/core';
import { z } from 'zod';

// Core checks its own catalogue when it loads; this checks one a test or an embedder passes instead.
const SkillModelsSchema = z.array(SkillModelSchema).superRefine((models, context) => {
  const seen = new Set<string>();
  for (const [index, model] of models.entries()) {
    if (seen.has(model.name))
      context.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate name "${model.name}"` });
    seen.add(model.name);
  }
});

/** The models skills pull: core's `SKILL_MODELS`, or a list given in its place. */
export function parseSkillModels(input?: readonly SkillModelInput[]): readonly SkillModel[] {
  if (!input) return SKILL_MODELS;
  const parsed = SkillModelsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new TypeError(`invalid skill model catalogue: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/**
 * How a pulled skill model gets used. Nothing is written to mmskills.json: a skill looks its model
 * up in the cache by name (core `resolveSkillModel`), its default when the user names none.
 */
export function skillModelUse(model: SkillModel, models: readonly SkillModel[]): string {
  const ofSkill = models.filter((entry) => entry.skill === model.skill);
  // The same choice as resolveSkillModel: the marked default, else the skill's first model.
  const fallback = ofSkill.find((entry) => entry.default) ?? ofSkill[0];
  if (fallback === undefined || fallback.name === model.name)
    return `the ${model.skill} skill will use it (its default model)`;
  return `start the ${model.skill} skill with --model ${model.name} to use it (its default is ${fallback.name})`;
}
