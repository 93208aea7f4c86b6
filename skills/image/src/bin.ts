#!/usr/bin/env node
import { runSkill } from '@mmskills/core';
import { imageSkill } from './skill.js';

await runSkill(imageSkill);
