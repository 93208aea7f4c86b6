import { imageSkill } from '@mmskills/skill-image';
import { connectInMemory } from '@mmskills/skill-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** What one `image_info` call came to: the size it reported, or the error text it gave. */
export type InfoOutcome =
  | { ok: true; width: number; height: number; info: Record<string, unknown> }
  | { ok: false; message: string };

/** The real image skill behind the SDK's in-memory transport: one server for thousands of calls. */
export async function imageInfoClient(env: NodeJS.ProcessEnv = process.env) {
  const client: Client = await connectInMemory(imageSkill, env);
  return {
    client,
    async info(image: string): Promise<InfoOutcome> {
      const result = (await client.callTool({ name: 'image_info', arguments: { image } })) as CallToolResult;
      const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
      if (result.isError) return { ok: false, message: text };
      const info = result.structuredContent as { width: number; height: number };
      return { ok: true, width: info.width, height: info.height, info };
    },
    close: () => client.close(),
  };
}

export const dataUri = (bytes: Buffer, mime = 'image/png') =>
  `data:${mime};base64,${bytes.toString('base64')}`;
