#!/usr/bin/env node
import { runSkill } from '@mmskills/core';
import { ocrLaunch } from './skill.js';

await runSkill(ocrLaunch.create, { flags: ocrLaunch.flags });
