#!/usr/bin/env node
// The models' thread starts first, so that its imports (onnxruntime among them) run on another
// core while this thread imports the skill; it holds nothing until the skill names its model files,
// unless `--preload` asks for them now: then they load there beside this thread's imports.
import { preloadAsked } from './launch-flags.js';
import { startOcrModels } from './models-first.js';
import { ModelThread } from './reader/model-thread.js';

const preload = preloadAsked(process.argv.slice(2), process.env);
// A failed load is reported by the skill kit's own preload, which asks again, and by the first call.
const thread = preload ? startOcrModels(preload) : new ModelThread();
const [{ runSkill }, { ocrLaunch }] = await Promise.all([
  import('@mmskills/skill-kit'),
  import('./skill.js'),
]);
await runSkill((flags) => ocrLaunch.create(flags, thread), { flags: ocrLaunch.flags });
