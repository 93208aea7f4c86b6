// The parts of @mmskills/core that the host's llama backend, its prompt builder and this driver use.
// pack.sh aliases `@mmskills/core` to this file, so the bundle leaves out core's image code and the
// device needs no sharp.
export { MmskillsError, MmskillsErrorCode } from '../../core/src/errors.js';
export { createLogger } from '../../core/src/logging/logger.js';
export { parseTurn } from '../../core/src/protocol/parse.js';
export { renderTurn } from '../../core/src/protocol/render.js';
export { turnJsonSchema } from '../../core/src/protocol/turn-json-schema.js';
export { Semaphore } from '../../core/src/skill/concurrency.js';
