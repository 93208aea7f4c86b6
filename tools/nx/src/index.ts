export { SkillGeneratorError, type SkillGeneratorErrorCode } from './generators/skill/errors.js';
export { type GeneratedSkill, generateSkill, skillGenerator } from './generators/skill/generator.js';
export {
  DEFAULT_DESCRIPTION,
  MAX_NAME,
  type SkillOptions,
  SkillOptionsSchema,
} from './generators/skill/options.js';
export { writeSkill } from './generators/skill/write-skill.js';
