import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../src/host.js';
import { collect, ofType, scriptedHost, skills } from './fixtures/hosts.js';

const LINES = ['Invoice 2026-11', 'Coffee beans 12.50', 'Total due 31.75'];

async function renderedPage(): Promise<Buffer> {
  const text = LINES.map(
    (line, i) => `<text x="40" y="${70 + i * 60}" font-family="DejaVu Sans" font-size="32">${line}</text>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="260"><rect width="100%" height="100%" fill="white"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('the agent reading a rendered page with read_text', () => {
  let host: Host;

  beforeAll(async () => {
    host = await scriptedHost(
      [
        {
          thoughts: 'Read the page.',
          actions: [{ API_name: 'read_text', API_params: { image: 'image_1' } }],
          value: 'Reading.',
        },
        { thoughts: 'I have the text.', actions: [], value: 'The total due is 31.75.' },
      ],
      skills('ocr'),
    );
  }, 120_000);

  afterAll(async () => {
    await host.close();
  });

  it('passes the real OCR output back to the model as the observation', async () => {
    const conversation = host.newConversation();
    const events = await collect(
      host.run(conversation, {
        text: 'What is the total due?',
        images: [{ data: await renderedPage(), mimeType: 'image/png' }],
      }),
    );
    const [observation] = ofType(events, 'observation');
    expect(observation?.isError).toBe(false);
    const output = observation?.output as { text: string; lines: Array<{ text: string }> };
    expect(output.lines.map((line) => line.text)).toEqual(LINES);
    const observationTurn = conversation.messages.find(
      (message) =>
        typeof message.content === 'string' && message.content.startsWith('read_text model outputs: '),
    );
    expect(observationTurn?.content).toMatch(
      /Please summarize the model outputs and answer my first question: What is the total due\?$/,
    );
    expect(ofType(events, 'answer')[0]?.text).toBe('The total due is 31.75.');
  });
});
