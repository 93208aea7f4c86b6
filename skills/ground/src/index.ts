export { createGroundSkill, type GroundSkillOptions, groundSkill } from './skill.js';
