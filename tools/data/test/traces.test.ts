import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, parseTurn } from '@mmskills/core';
import { photoPath } from '@mmskills/core/testing';
import {
  builtinSkillServers,
  createHost,
  createScriptedBackend,
  type Host,
  HostConfigSchema,
} from '@mmskills/host';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSamples, toJsonl } from '../src/sample.js';
import { readTraces } from '../src/traces.js';

const crop = {
  thoughts: 'Crop the top-left quarter.',
  actions: [{ API_name: 'crop', API_params: { image: 'image_1', box: [0, 0, 0.5, 0.5] } }],
  value: 'Cropping.',
};
const answer = {
  thoughts: 'crop returned the quarter.',
  actions: [],
  value: 'Here is the top-left quarter, image_2.',
};

describe('traces from a real recorded conversation', () => {
  let dir: string;
  let host: Host;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mmskills-traces-'));
    const config = HostConfigSchema.parse({
      skills: { image: builtinSkillServers({ source: true }).image },
      record: dir,
    });
    // The first reply is unreadable: the host asks again, and the export leaves both out.
    const backend = createScriptedBackend({ turns: ['I am not sure what to do', crop, answer] });
    host = await createHost(config, { log: createLogger('test', { level: 'silent' }), backend });
    const conversation = host.newConversation();
    const photo = { data: await readFile(photoPath('coffee')), mimeType: 'image/png' };
    for await (const _event of host.run(conversation, {
      text: 'Crop the top-left quarter.',
      images: [photo],
    })) {
      // Draining the events runs the exchange to its end.
    }
  }, 120_000);

  afterAll(async () => {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exports the exchange as a LLaVA-Plus sample whose images are the recorded files, the crop shown with its observation', async () => {
    const { samples, skipped } = await readTraces(dir);
    expect(skipped).toEqual([]);
    expect(samples).toHaveLength(1);
    const [sample] = samples;
    expect(sample?.conversations.map((turn) => turn.from)).toEqual(['human', 'gpt', 'human', 'gpt']);
    expect(sample?.conversations[0]?.value).toBe('<image>\n<image_1> Crop the top-left quarter.');
    expect(parseTurn(sample?.conversations[1]?.value ?? '')).toEqual(crop);
    expect(sample?.conversations[2]?.value).toMatch(
      /^crop model outputs: \{"width":\d+,"height":\d+,"box_pixels":\[0,0,\d+,\d+\],"box":\[0,0,0\.5,0\.5\],"new_images":\["image_2"\]\}\n\nPlease summarize/,
    );
    expect(parseTurn(sample?.conversations[3]?.value ?? '')).toEqual(answer);
    expect(sample?.conversations[2]?.value).toContain('\n<image_2> from image/crop:<image>');
    const [question, cropped] = (sample?.image ?? []) as string[];
    expect(await readFile(join(dir, question as string))).toEqual(await readFile(photoPath('coffee')));
    expect((await sharp(join(dir, cropped as string)).metadata()).width).toBeGreaterThan(0);
    expect(parseSamples(toJsonl(samples, 'openai'))).toEqual(samples);
  });

  it('skips a damaged record with the reason and keeps the rest', async () => {
    const [conversation] = (await readTraces(dir)).samples.map((sample) => sample.id.replace(/-1$/, ''));
    await writeFile(join(dir, conversation as string, '0002.json'), '{"version": 1, "messages": []}');
    const { samples, skipped } = await readTraces(dir);
    expect(samples).toHaveLength(1);
    expect(skipped).toEqual([
      { file: join(conversation as string, '0002.json'), reason: expect.stringMatching(/conversation/) },
    ]);
  });

  it('refuses a folder that does not exist', async () => {
    await expect(readTraces(join(dir, 'missing'))).rejects.toThrow(/is not a folder/);
  });
});
