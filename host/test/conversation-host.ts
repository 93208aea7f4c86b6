import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { photoPath, tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening } from '@mmskills/skill-kit/testing';
import pg from 'pg';

export const HOST_BIN = new URL('../src/bin.ts', import.meta.url);
export const photo = readFileSync(photoPath('chelsea'));

/**
 * Starts the real host bin in `dir` with a scripted model (`turns`, replayed by position in the
 * conversation) and `config` as its mmskills.json; `flags` choose where conversations live.
 */
export function startHost(
  dir: string,
  turns: unknown[],
  config: Record<string, unknown>,
  flags: string[],
): Promise<ListeningProcess> {
  const script = join(dir, 'turns.json');
  writeFileSync(script, JSON.stringify({ turns }));
  const file = join(dir, 'mmskills.json');
  writeFileSync(file, JSON.stringify(config));
  return spawnListening(
    [...tsxArgs(HOST_BIN), '--port', '0', '--config', file, '--lmm', `scripted:${script}`, ...flags],
    process.env,
  );
}

export interface AgentEventData {
  type: string;
  text?: string;
  message?: string;
  handle?: string;
  source?: string;
}

/** Sends one message to a conversation and reads its event stream to the end. */
export async function send(
  url: string,
  id: string,
  body: { text: string; images?: string[] },
): Promise<{ status: number; events: AgentEventData[]; error?: string }> {
  const response = await fetch(`${url}/v1/conversations/${id}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const error = ((await response.json()) as { error: { message: string } }).error.message;
    return { status: response.status, events: [], error };
  }
  const events = (await response.text())
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as AgentEventData)
    .filter((event) => event.type !== undefined);
  return { status: response.status, events };
}

export const answerOf = (events: AgentEventData[]) => events.find((event) => event.type === 'answer')?.text;

export async function newConversation(url: string): Promise<string> {
  const response = await fetch(`${url}/v1/conversations`, { method: 'POST' });
  return ((await response.json()) as { id: string }).id;
}

export const photoUrl = `data:image/png;base64,${photo.toString('base64')}`;

/** A URL whose connections work in a new, empty schema, so each test sees only its own rows. */
export async function freshSchema(databaseUrl: string, schema: string): Promise<string> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await admin.end();
  const scoped = new URL(databaseUrl);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return scoped.toString();
}
