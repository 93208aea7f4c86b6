export { type ClipSkillOptions, clipSkill, createClipSkill } from './skill.js';
