export { type BadCall, badImageCalls } from './bad-images.js';
export { connectInMemory, imageBlocks, textOf } from './in-memory.js';
export { describeRefusals, type RefusalSpec } from './refusals.js';
export { describeSkillBin, type SkillBinSpec } from './skill-bin-suite.js';
export {
  connectStdio,
  type ListeningProcess,
  type PrintedManifest,
  readManifest,
  type SkillHttpProcess,
  type SpawnListeningOptions,
  spawnListening,
  spawnSkillHttp,
} from './skill-process.js';
