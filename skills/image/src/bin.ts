#!/usr/bin/env node
import { runSkill } from '@mmskills/skill-kit';
import { imageSkill } from './skill.js';

await runSkill(imageSkill);
