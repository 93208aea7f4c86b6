export { createPoseSkill, type PoseSkillOptions, poseSkill } from './skill.js';
export {
  type DetectPoseInput,
  DetectPoseInputSchema,
  type DetectPoseOutput,
  DetectPoseOutputSchema,
} from './tools/detect-pose.js';
