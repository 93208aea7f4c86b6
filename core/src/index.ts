export { MmskillsError, MmskillsErrorCode, isMmskillsError } from './errors.js';
