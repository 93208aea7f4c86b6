import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createSkillServer } from '../skill/create-server.js';
import type { SkillDefinition } from '../skill/define-skill.js';
import { createSkillRuntime } from '../skill/runtime.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * An SDK `Client` connected to a skill through the SDK's in-memory transport pair: the real
 * server, the real protocol, no process. The runtime reads `env` (file roots, URL policy).
 */
export async function connectInMemory(
  skill: SkillDefinition,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const runtime = { ...createSkillRuntime(skill, env), log: quiet };
  await createSkillServer(runtime).connect(serverSide);
  const client = new Client({ name: 'mmskills-test', version: '0.0.0' });
  await client.connect(clientSide);
  return client;
}

/** The text of a tool result's first content block. */
export function textOf(result: unknown): string {
  const first = (result as CallToolResult).content[0];
  return first?.type === 'text' ? first.text : '';
}

/** A tool result's image blocks, decoded. */
export function imageBlocks(result: unknown): Array<{ data: Buffer; mimeType: string }> {
  return (result as CallToolResult).content.flatMap((block) =>
    block.type === 'image' ? [{ data: Buffer.from(block.data, 'base64'), mimeType: block.mimeType }] : [],
  );
}
