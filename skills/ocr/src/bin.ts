#!/usr/bin/env node
// The models' thread starts first, so that its imports (onnxruntime among them) run on another
// core while this thread imports the skill; it holds nothing until the skill names its model files.
import { ModelThread } from './reader/model-thread.js';

const thread = new ModelThread();
const [{ runSkill }, { ocrLaunch }] = await Promise.all([
  import('@mmskills/skill-kit'),
  import('./skill.js'),
]);
await runSkill((flags) => ocrLaunch.create(flags, thread), { flags: ocrLaunch.flags });
