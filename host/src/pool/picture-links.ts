import { pictureSkill } from '@mmskills/skill-kit';
import type { CallToolResult, ReadResourceResult } from '@modelcontextprotocol/client';
import type { SkillPool } from './pool.js';
import type { ReplicaSet } from './replicas.js';

/**
 * Reads a picture a skill made, by the URI its result linked, from that skill; or one a client
 * uploaded to the host (`mmskills://host/…`).
 * @throws Error naming the URI when no skill here made it, or the skill no longer holds it.
 */
export async function readPicture(
  pool: SkillPool,
  uri: string,
  signal?: AbortSignal,
): Promise<ReadResourceResult> {
  const name = pictureSkill(uri);
  if (name === pool.uploads.skill) {
    const uploaded = pool.uploads.read(uri);
    if (!uploaded) {
      throw new Error(
        `${uri} is not held here: the host keeps uploaded pictures for a while; upload it again`,
      );
    }
    return { contents: [{ uri, mimeType: uploaded.mimeType, blob: uploaded.data.toString('base64') }] };
  }
  const owner = name === undefined ? undefined : await pool.owner(name);
  if (!owner) {
    throw new Error(
      `${uri} is not a picture of a skill here; a picture's URI is mmskills://<skill>/images/<id>, as a result linked it`,
    );
  }
  return owner.readResource(uri, signal);
}

/**
 * The arguments for a call to `target`, where a top-level argument links a picture another skill
 * made: that picture goes in its place, as a data: URI. The target skill only holds its own
 * pictures, so a crop from `image` handed to `detect` by its link would otherwise be refused; and
 * a replica only its own, so for a replicated skill its own links are inlined too.
 */
export async function linkedPictures(
  pool: SkillPool,
  target: ReplicaSet,
  args: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const foreign = Object.entries(args).filter(([, value]) => {
    const skill = pictureSkill(value);
    return skill !== undefined && (skill !== target.serverName || target.size > 1);
  });
  if (foreign.length === 0) return args;
  const resolved = { ...args };
  for (const [key, uri] of foreign) {
    const { contents } = await readPicture(pool, uri as string, signal);
    const [picture] = contents;
    if (picture && 'blob' in picture) resolved[key] = `data:${picture.mimeType};base64,${picture.blob}`;
  }
  return resolved;
}

/** Calls `call` with {@link linkedPictures}; a link that cannot be read fails the call as a tool error. */
export async function withLinkedPictures(
  pool: SkillPool,
  target: ReplicaSet,
  args: Record<string, unknown>,
  signal: AbortSignal | undefined,
  call: (args: Record<string, unknown>) => Promise<CallToolResult>,
): Promise<CallToolResult> {
  let resolved: Record<string, unknown>;
  try {
    resolved = await linkedPictures(pool, target, args, signal);
  } catch (error) {
    return { isError: true, content: [{ type: 'text', text: (error as Error).message }] };
  }
  return call(resolved);
}
