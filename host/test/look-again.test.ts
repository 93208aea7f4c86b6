import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderTurn, type Turn } from '@mmskills/core';
import { tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening } from '@mmskills/skill-kit/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtinSkillServers } from '../src/pool/builtin.js';
import { type FakeCompletionsServer, startCompletionsServer } from './fixtures/openai-server.js';

type SentPart = { type: string; text?: string; image_url?: { url: string } };
type SentMessage = { role: string; content: string | SentPart[] };

const call = (box: number[], image = 'image_1'): Turn => ({
  thoughts: 'Look closer.',
  actions: [{ API_name: 'crop', API_params: { image, box } }],
  value: 'Cropping.',
});
const answer: Turn = { thoughts: 'Seen.', actions: [], value: 'It is red.' };

/** The user messages of a recorded request, as the model server received them. */
const userParts = (request: unknown) =>
  (request as { messages: SentMessage[] }).messages
    .filter((message) => message.role === 'user')
    .map((message) =>
      typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content,
    );
const imagesOf = (parts: SentPart[]) => parts.filter((part) => part.type === 'image_url');
const textOf = (parts: SentPart[]) => parts.map((part) => part.text ?? '').join('');

// The host's real bin, its model a stand-in OpenAI-compatible server that replays `script` and
// records every request; the image skill is a real process. Budget: two steps' pictures at most.
describe('the model sees the pictures its tools make', () => {
  let model: FakeCompletionsServer;
  let host: ListeningProcess;
  let script: Turn[] = [];
  let photo: string;

  beforeAll(async () => {
    model = await startCompletionsServer((body) => {
      const position = (body.messages as SentMessage[]).filter(
        (message) => message.role === 'assistant',
      ).length;
      return renderTurn(script[Math.min(position, script.length - 1)] as Turn, 'json');
    });
    const dir = mkdtempSync(join(tmpdir(), 'look-again-'));
    const config = join(dir, 'mmskills.json');
    writeFileSync(
      config,
      JSON.stringify({
        skills: { image: builtinSkillServers({ source: true }).image },
        agent: { pictures: { perStep: 2, maxSide: 256, maxPixels: 2 * 256 * 256 } },
      }),
    );
    host = await spawnListening(
      [
        ...tsxArgs(new URL('../src/bin.ts', import.meta.url)),
        '--port',
        '0',
        '--config',
        config,
        '--lmm',
        `openai:${model.url}`,
      ],
      process.env,
    );
    // An 800×800 picture: red top-left quarter, blue elsewhere.
    const red = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const png = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#0000ff' } })
      .composite([{ input: red, left: 0, top: 0 }])
      .png()
      .toBuffer();
    photo = `data:image/png;base64,${png.toString('base64')}`;
  }, 60_000);

  afterAll(async () => {
    await host?.stop();
    await model?.close();
  });

  beforeEach(() => {
    model.requests.length = 0;
  });

  const ask = async () => {
    const response = await fetch(`${host.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What colour is the top-left corner?' },
              { type: 'image_url', image_url: { url: photo } },
            ],
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    return body.choices[0]?.message.content;
  };

  it('puts a crop into the next request as an image part, scaled to the budget', async () => {
    script = [call([0, 0, 0.5, 0.5]), answer];
    expect(await ask()).toBe('It is red.');
    expect(model.requests).toHaveLength(2);
    const [question, observation] = userParts(model.requests[1]) as [SentPart[], SentPart[]];
    expect(imagesOf(question)).toHaveLength(1);
    expect(textOf(observation)).toContain('crop model outputs:');
    expect(textOf(observation)).toContain('<image_2> from image/crop:');
    const [shown] = imagesOf(observation);
    const bytes = Buffer.from((shown?.image_url?.url ?? '').split(',')[1] ?? '', 'base64');
    const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([256, 256]);
    expect([data[0], data[1], data[2]]).toEqual([255, 0, 0]);
    // The first request of the question showed no tool picture, and taught looking again.
    expect(userParts(model.requests[0]).flatMap(imagesOf)).toHaveLength(1);
    const system = (model.requests[0] as { messages: SentMessage[] }).messages[0]?.content as string;
    expect(system).toContain('Pictures that tools return are shown to you after their outputs');
    expect(system).toContain('Example of looking again:');
    expect(system).toContain('"API_name":"zoom_in","API_params":{"image":"image_1","box":[0.6,0.7,0.9,0.9]}');
  });

  it('drops the oldest tool picture past the conversation budget, with a note, and its handle still works', async () => {
    script = [
      call([0, 0, 0.5, 0.5]),
      call([0.5, 0, 1, 0.5]),
      call([0, 0.5, 0.5, 1]),
      call([0, 0, 0.25, 0.25], 'image_2'),
      answer,
    ];
    expect(await ask()).toBe('It is red.');
    expect(model.requests).toHaveLength(5);
    const fourth = userParts(model.requests[3]);
    // The question's photo, then image_3 and image_4; image_2 is a note now.
    expect(fourth.flatMap(imagesOf)).toHaveLength(3);
    expect(fourth.map(textOf).join('')).toContain('[<image_2> is no longer shown');
    const last = userParts(model.requests[4]);
    expect(textOf(last.at(-1) ?? [])).not.toContain('error');
    expect(textOf(last.at(-1) ?? [])).toContain('<image_5> from image/crop:');
  });

  it('stops the loop when the model asks twice more for a call it already made', async () => {
    script = [call([0, 0, 0.5, 0.5]), call([0, 0, 0.5, 0.5]), call([0, 0, 0.5, 0.5]), answer];
    const text = await ask();
    expect(text).toMatch(/^I stopped: the model asked again for tool calls it had already made \(step 1\)/);
    expect(model.requests).toHaveLength(3);
    // The first repeat was not run: the model was told so, and no new picture came.
    const second = userParts(model.requests[2]);
    expect(textOf(second.at(-1) ?? [])).toContain(
      'You already called crop with these same arguments at step 1',
    );
    expect(second.flatMap(imagesOf)).toHaveLength(2);
  });
});
