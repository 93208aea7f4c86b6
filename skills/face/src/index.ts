export { createFaceSkill, type FaceSkillOptions, faceSkill } from './skill.js';
export {
  type DetectFacesInput,
  DetectFacesInputSchema,
  type DetectFacesOutput,
  DetectFacesOutputSchema,
} from './tools/detect-faces.js';
