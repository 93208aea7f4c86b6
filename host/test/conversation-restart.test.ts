import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import type { ListeningProcess } from '@mmskills/skill-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { answerOf, newConversation, photo, photoUrl, send, startHost } from './conversation-host.js';

const image = {
  command: process.execPath,
  args: tsxArgs(new URL('../../skills/image/src/bin.ts', import.meta.url)),
};
// Replayed by the number of assistant turns already in the conversation: the third is only
// reached when the host read the first two back from its store.
const turns = [
  {
    thoughts: 'Cut out the middle.',
    actions: [{ API_name: 'crop', API_params: { image: 'image_1', box: [0.25, 0.25, 0.75, 0.75] } }],
    value: '…',
  },
  { thoughts: '', actions: [], value: 'Here is the middle.' },
  { thoughts: '', actions: [], value: 'It was the cat, as before.' },
];

describe('a host killed with SIGKILL mid-conversation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'conversation-restart-'));
  const flags = ['--data', join(dir, 'host')];
  let host: ListeningProcess | undefined;
  afterAll(async () => {
    await host?.stop();
  });

  it('continues the conversation after a restart on the same SQLite file, its turns and pictures kept', async () => {
    host = await startHost(dir, turns, { skills: { image } }, flags);
    const id = await newConversation(host.url);
    const first = await send(host.url, id, { text: 'Show me the middle.', images: [photoUrl] });
    expect(answerOf(first.events)).toBe('Here is the middle.');
    const made = first.events.filter((event) => event.type === 'image').map((event) => event.handle);
    expect(made).toEqual(['image_1', 'image_2']);
    const cropped = Buffer.from(
      await (await fetch(`${host.url}/v1/conversations/${id}/images/image_2`)).arrayBuffer(),
    );

    const exited = once(host.child, 'exit');
    host.child.kill('SIGKILL');
    await exited;
    host = await startHost(dir, turns, { skills: { image } }, flags);

    const history = (await (await fetch(`${host.url}/v1/conversations/${id}`)).json()) as {
      messages: Array<{ role: string; content: string }>;
    };
    expect(history.messages[0]?.content).toContain('Show me the middle.');
    expect(history.messages.at(-1)).toEqual({
      role: 'assistant',
      content: expect.stringContaining('Here is the middle.'),
    });
    const original = await fetch(`${host.url}/v1/conversations/${id}/images/image_1`);
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await original.arrayBuffer()).equals(photo)).toBe(true);
    const again = Buffer.from(
      await (await fetch(`${host.url}/v1/conversations/${id}/images/image_2`)).arrayBuffer(),
    );
    expect(again.equals(cropped)).toBe(true);

    const second = await send(host.url, id, { text: 'What was it?' });
    expect(answerOf(second.events)).toBe('It was the cat, as before.');
    expect((await fetch(`${host.url}/v1/conversations/not-a-conversation`)).status).toBe(404);
  }, 120_000);
});
