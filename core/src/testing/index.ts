export { connectInMemory, imageBlocks, textOf } from './in-memory.js';
export { PHOTOS, type PhotoName, photoPath } from './photos.js';
export { tsxArgs } from './tsx-args.js';
