export { imageSkill } from './skill.js';
