import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { photoPath } from '@mmskills/core/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordedExchangeSchema } from '../src/agent/record.js';
import { loadHostConfig } from '../src/config/load.js';
import { HostConfigSchema } from '../src/config/schema.js';
import { createHost, type Host } from '../src/host.js';
import { createScriptedBackend } from '../src/lmm/scripted.js';
import { collect, quietLog, skills } from './fixtures/hosts.js';

const turns = [
  {
    thoughts: 'Crop the centre first.',
    actions: [{ API_name: 'crop', API_params: { image: 'image_1', box: [0.25, 0.25, 0.75, 0.75] } }],
    value: 'Cropping.',
  },
  {
    thoughts: 'Measure the crop, image_2.',
    actions: [{ API_name: 'image_info', API_params: { image: 'image_2' } }],
    value: 'Measuring.',
  },
  { thoughts: 'The crop is 226 by 150 pixels.', actions: [], value: 'The centre crop is 226×150 pixels.' },
];

describe('--record', () => {
  let dir: string;
  let host: Host;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mmskills-record-'));
    const config = HostConfigSchema.parse({ skills: skills('image'), record: dir });
    host = await createHost(config, { log: quietLog, backend: createScriptedBackend({ turns }) });
  }, 60_000);

  afterAll(async () => {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes the directory from --record or MMSKILLS_RECORD', async () => {
    expect((await loadHostConfig(['--record', 'traces'], {}, dir)).record).toBe('traces');
    expect((await loadHostConfig([], { MMSKILLS_RECORD: 'env-traces' }, dir)).record).toBe('env-traces');
    expect((await loadHostConfig([], {}, dir)).record).toBeUndefined();
  });

  it('writes a finished exchange with its messages and every picture', async () => {
    const conversation = host.newConversation();
    const photo = await readFile(photoPath('chelsea'));
    await collect(
      host.run(conversation, {
        text: 'How big is the centre?',
        images: [{ data: photo, mimeType: 'image/png' }],
      }),
    );
    const folder = join(dir, conversation.id);
    expect((await readdir(folder)).sort()).toEqual(['0001.json', 'image_1.png', 'image_2.png']);
    const record = RecordedExchangeSchema.parse(
      JSON.parse(await readFile(join(folder, '0001.json'), 'utf8')),
    );
    expect(record).toMatchObject({
      conversation: conversation.id,
      exchange: 1,
      question: 'How big is the centre?',
    });
    expect(record.images.map((image) => [image.handle, image.source])).toEqual([
      ['image_1', 'user'],
      ['image_2', 'image/crop'],
    ]);
    expect(record.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(record.messages[0]).toEqual({
      role: 'user',
      text: '<image_1> How big is the centre?',
      images: ['image_1'],
    });
    expect(record.messages[4]?.text).toMatch(/^image_info model outputs: \{"width":\d+,"height":\d+,/);
    expect(await readFile(join(folder, 'image_1.png'))).toEqual(photo);
    const crop = await sharp(join(folder, 'image_2.png')).metadata();
    expect(record.messages[2]?.text).toContain(`"width":${crop.width},"height":${crop.height}`);
    // The crop was shown to the model with its observation, and is recorded there by handle.
    expect(record.messages[2]?.images).toEqual(['image_2']);
    expect(record.messages[2]?.text).toContain('<image_2> from image/crop:');
  });

  it('records nothing for an exchange that ends without an answer', async () => {
    const config = HostConfigSchema.parse({ skills: {}, record: dir });
    const broken = await createHost(config, {
      log: quietLog,
      backend: createScriptedBackend({ turns: ['not a turn at all'] }),
    });
    const conversation = broken.newConversation();
    await collect(broken.run(conversation, { text: 'Hello?' }));
    await broken.close();
    await expect(readdir(join(dir, conversation.id))).rejects.toThrow(/ENOENT/);
  });
});
