export { createSkillHttpApp, type SkillHttpOptions } from '../skill/http-app.js';
