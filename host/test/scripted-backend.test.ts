import { describe, expect, it } from 'vitest';
import { createScriptedBackend } from '../src/lmm/scripted.js';
import { lmmContract } from './lmm.contract.js';

lmmContract('scripted', { vision: true, constrained: false }, async () =>
  createScriptedBackend({
    turns: [
      {
        thoughts: '',
        actions: [{ API_name: 'read_text', API_params: { image: 'image_1' } }],
        value: 'Reading.',
      },
    ],
  }),
);

describe('scripted backend', () => {
  it('replays by the number of assistant turns already in the conversation', async () => {
    const backend = createScriptedBackend({ turns: ['first', 'second'] });
    expect((await backend.chat({ messages: [{ role: 'user', content: 'a' }] })).text).toBe('first');
    const later = await backend.chat({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'first' },
        { role: 'user', content: 'b' },
      ],
    });
    expect(later.text).toBe('second');
  });
});
