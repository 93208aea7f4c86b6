export { createDetectSkill, type DetectSkillOptions } from './skill.js';
export {
  type DetectObjectsInput,
  DetectObjectsInputSchema,
  type DetectObjectsOutput,
  DetectObjectsOutputSchema,
} from './tools/detect-objects.js';
