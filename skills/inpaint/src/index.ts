export { createInpaintSkill, type InpaintSkillOptions, inpaintSkill } from './skill.js';
export {
  type RemoveObjectInput,
  RemoveObjectInputSchema,
  type RemoveObjectOutput,
  RemoveObjectOutputSchema,
} from './tools/remove-object.js';
