export { createSegmentSkill, type SegmentSkillOptions, segmentSkill } from './skill.js';
