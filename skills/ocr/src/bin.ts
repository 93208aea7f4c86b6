#!/usr/bin/env node
import { runSkill } from '@mmskills/skill-kit';
import { ocrLaunch } from './skill.js';

await runSkill(ocrLaunch.create, { flags: ocrLaunch.flags });
