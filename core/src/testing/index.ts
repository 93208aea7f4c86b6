export {
  characterErrors,
  collapseWhitespace,
  levenshtein,
} from './character-errors.js';
export { expectModernRefusals, modernPost } from './modern-refusals.js';
export { PHOTOS, type PhotoName, photoPath } from './photos.js';
export { rejection } from './rejection.js';
export { seededRandom } from './seeded-random.js';
export { tsxArgs } from './tsx-args.js';
