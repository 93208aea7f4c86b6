// `@mmskills/core/process`: what starting and watching processes takes, without the rest of the
// kit. `mmskills serve` only supervises its children, and importing all of @mmskills/core for
// these (the MCP SDK, sharp, ajv) held ~50 MiB of its memory for as long as it ran (issue 21).
export { checkPortFree, type ListenTarget } from './http/listen-failure.js';
export { packageEntryArgs, tsxLoader } from './skill/package-entry.js';
export { type LineHandlers, lineReader } from './skill/stdio-lines.js';
