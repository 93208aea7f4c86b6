import type { Logger } from '@mmskills/core';
import type { Transport } from '@modelcontextprotocol/client';
import { getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import { SkillHttpTransport } from './http-client.js';
import type { SkillEndpoint } from './server-config.js';
import { StdioSkillTransport } from './stdio-client.js';

// A tool result carries its pictures as base64 on one line, several of them at most 25 MiB each.
// Skills are trusted code.
const MAX_RESULT_BYTES = 256 * 1024 * 1024;

/** A transport to one endpoint of a skill: its process spawned over stdio, or its URL. */
export function endpointTransport(name: string, endpoint: SkillEndpoint, log: Logger): Transport {
  if ('url' in endpoint) {
    return new SkillHttpTransport(new URL(endpoint.url), endpoint.headers, MAX_RESULT_BYTES);
  }
  return new StdioSkillTransport({
    command: endpoint.command,
    args: endpoint.args,
    env: { ...getDefaultEnvironment(), ...endpoint.env },
    ...(endpoint.cwd ? { cwd: endpoint.cwd } : {}),
    maxLineBytes: MAX_RESULT_BYTES,
    onStderr: (chunk) =>
      log.debug('skill stderr', { skill: name, text: chunk.toString().trimEnd().slice(0, 2000) }),
  });
}
