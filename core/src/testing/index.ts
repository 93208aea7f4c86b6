export { type BadCall, badImageCalls } from './bad-images.js';
export {
  characterErrors,
  collapseWhitespace,
  levenshtein,
} from './character-errors.js';
export { connectInMemory, imageBlocks, textOf } from './in-memory.js';
export { expectModernRefusals, modernPost } from './modern-refusals.js';
export { PHOTOS, type PhotoName, photoPath } from './photos.js';
export { pngClaiming } from './png-claiming.js';
export { describeRefusals, type RefusalSpec } from './refusals.js';
export { rejection } from './rejection.js';
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
export {
  type LayoutLine,
  LayoutLineSchema,
  PAGE_KINDS,
  type PageBox,
  PageBoxSchema,
  type PageKind,
  PageKindSchema,
  type PageLayout,
  PageLayoutSchema,
  type TextPage,
} from './text-pages/layout.js';
export { seededRandom } from './text-pages/random.js';
export { pageDataUri, renderTextPage } from './text-pages/render.js';
export { tsxArgs } from './tsx-args.js';
