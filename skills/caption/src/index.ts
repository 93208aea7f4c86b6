export { type CaptionSkillOptions, captionSkill, createCaptionSkill } from './skill.js';
