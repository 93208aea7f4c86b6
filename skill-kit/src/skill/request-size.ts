import type { SkillRuntime } from './create-server.js';

/**
 * The largest MCP request a skill reads, over HTTP or stdio: one image at the byte limit, as
 * base64. The host's gateway takes the same, so what it forwards a skill can read.
 */
export function maxRequestBytes(runtime: Pick<SkillRuntime, 'limits'>): number {
  // base64 makes an image 4/3 larger; leave room for the JSON-RPC envelope.
  return Math.ceil((runtime.limits.maxBytes * 4) / 3) + 1024 * 1024;
}
