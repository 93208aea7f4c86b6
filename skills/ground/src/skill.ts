import { defineSkill, type SkillDefinition } from '@mmskills/skill-kit';
import { Grounder, type GrounderOptions } from './pipeline/grounder.js';
import { groundObjectsTool } from './tools/ground-objects.js';

/** Options of {@link createGroundSkill}: `model` is a catalogue name or a model folder (`--model`). */
export type GroundSkillOptions = GrounderOptions;

/**
 * The ground skill: `ground_objects`, open-vocabulary grounding with OWLv2 (default), OWL-ViT or
 * Grounding DINO through transformers.js, from a pulled catalogue model or a folder the user gives.
 * @see ../README.md
 */
export function createGroundSkill(options: GroundSkillOptions = {}): SkillDefinition {
  const grounder = new Grounder(options);
  const groundObjects = groundObjectsTool(grounder);
  return defineSkill({
    name: 'ground',
    title: 'Open-vocabulary grounding',
    description: 'Finds objects described in words (OWLv2, OWL-ViT, Grounding DINO): boxes, phrases, scores.',
    version: '0.1.0',
    registryName: 'io.github.mmskills/ground',
    packageName: '@mmskills/skill-ground',
    // The skill is its one tool, and shows the same picture.
    icons: groundObjects.icons,
    tools: [groundObjects],
    // --preload with no model downloaded still starts: every call then names the pull command.
    load: async () => {
      if (grounder.status().missing !== true) await grounder.load();
    },
    unload: () => grounder.unload(),
    model: () => grounder.status(),
    concurrency: 1,
  });
}

/** The ground skill with the default model choice (`MMSKILLS_GROUND_MODEL` is read by the bin, not here). */
export const groundSkill: SkillDefinition = createGroundSkill();
