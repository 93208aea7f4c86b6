// The registry benchmark's name for core's spawnListening: a bin that logs `"url":"http://…"`.
export { spawnListening as spawnServer } from '@mmskills/core/testing';
