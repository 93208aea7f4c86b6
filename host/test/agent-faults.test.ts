import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../src/host.js';
import { collect, ofType, scriptedHost, skills } from './fixtures/hosts.js';

describe('the agent when things go wrong', () => {
  let host: Host | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('turns an unknown tool and schema-invalid arguments into observations the model can read', async () => {
    host = await scriptedHost(
      [
        {
          thoughts: 'Try tools.',
          actions: [
            { API_name: 'teleport', API_params: {} },
            { API_name: 'echo_text', API_params: { text: 5 } },
            { API_name: 'echo_text', API_params: { text: 'image_9' } },
          ],
          value: '…',
        },
        { thoughts: 'Give up.', actions: [], value: 'The tools refused.' },
      ],
      skills('crashy'),
    );
    const events = await collect(host.run(host.newConversation(), { text: 'hi' }));
    const observations = ofType(events, 'observation');
    expect(observations.map((event) => event.isError)).toEqual([true, true, true]);
    expect(observations[0]?.output).toEqual({
      error: 'unknown tool "teleport"; the tools are: echo_text, crash_now, hang_forever, echo_trace',
    });
    expect(JSON.stringify(observations[1]?.output)).toContain(
      'invalid API_params for echo_text: /text must be string',
    );
    expect(observations[2]?.output).toEqual({
      error: 'there is no image_9 in this conversation (images: none)',
    });
    expect(ofType(events, 'answer')[0]?.text).toBe('The tools refused.');
  }, 60_000);

  it('survives a skill that dies mid-call: an error observation, then the restarted skill answers', async () => {
    host = await scriptedHost(
      [
        { thoughts: 'Crash it.', actions: [{ API_name: 'crash_now', API_params: {} }], value: '…' },
        {
          thoughts: 'Again.',
          actions: [{ API_name: 'echo_text', API_params: { text: 'still here' } }],
          value: '…',
        },
        { thoughts: 'Done.', actions: [], value: 'ok' },
      ],
      skills('crashy'),
    );
    const events = await collect(host.run(host.newConversation(), { text: 'hi' }));
    const [crashed, echoed] = ofType(events, 'observation');
    expect(crashed?.isError).toBe(true);
    expect(JSON.stringify(crashed?.output)).toContain('skill crashy stopped during the call to crash_now');
    expect(echoed?.isError).toBe(false);
    expect(echoed?.output).toMatchObject({ text: 'still here' });
  }, 60_000);

  it('retries malformed model output once, then reports it', async () => {
    host = await scriptedHost(['I think the answer is 42', 'still no format'], skills('crashy'));
    const events = await collect(host.run(host.newConversation(), { text: 'hi' }));
    expect(ofType(events, 'error').map((event) => event.message)).toEqual([
      expect.stringMatching(/^the model's reply could not be read twice: /),
    ]);
    expect(ofType(events, 'answer')).toEqual([]);
  }, 60_000);

  it('accepts a malformed reply followed by a good one', async () => {
    host = await scriptedHost(['garbage', { thoughts: '', actions: [], value: 'fine' }], skills('crashy'));
    const events = await collect(host.run(host.newConversation(), { text: 'hi' }));
    expect(ofType(events, 'answer').map((event) => event.text)).toEqual(['fine']);
  }, 60_000);

  it('ends a runaway loop at the step limit with a clear answer', async () => {
    // Each step a new call (the same call again would end the loop sooner, as a repeat).
    const loop = (text: string) => ({
      thoughts: 'Again.',
      actions: [{ API_name: 'echo_text', API_params: { text } }],
      value: '…',
    });
    host = await scriptedHost([loop('a'), loop('b'), loop('c'), loop('d')], skills('crashy'), {
      maxSteps: 3,
    });
    const events = await collect(host.run(host.newConversation(), { text: 'hi' }));
    expect(ofType(events, 'action')).toHaveLength(3);
    expect(ofType(events, 'answer')[0]?.text).toMatch(/^I stopped after 3 steps/);
  }, 60_000);
});
