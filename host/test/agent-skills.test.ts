import { readFile } from 'node:fs/promises';
import { photoPath } from '@mmskills/core/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../src/host.js';
import { collect, ofType, scriptedHost, skills } from './fixtures/hosts.js';

const chelsea = async () => ({ data: await readFile(photoPath('chelsea')), mimeType: 'image/png' });

describe('the agent with a scripted model and real skills', () => {
  let host: Host;

  beforeAll(async () => {
    host = await scriptedHost(
      [
        {
          thoughts: 'Find the cat first.',
          actions: [{ API_name: 'detect_objects', API_params: { image: 'image_1', labels: ['cat'] } }],
          value: 'Looking for the cat.',
        },
        {
          thoughts: 'Crop the cat, then measure the crop.',
          actions: [{ API_name: 'crop', API_params: { image: 'image_1', box: [0.25, 0.25, 0.75, 0.75] } }],
          value: 'Cropping.',
        },
        {
          thoughts: 'The crop is image_3 (image_2 is the annotated detection).',
          actions: [{ API_name: 'image_info', API_params: { image: 'image_3' } }],
          value: 'Measuring the crop.',
        },
        { thoughts: 'Done.', actions: [], value: 'There is a cat; I cropped it.' },
      ],
      skills('detect', 'image'),
    );
  }, 120_000);

  afterAll(async () => {
    await host.close();
  });

  it('finds the cat in chelsea, crops it, and feeds the crop to the next action', async () => {
    const conversation = host.newConversation();
    const events = await collect(
      host.run(conversation, { text: 'Find the cat and crop it.', images: [await chelsea()] }),
    );
    const observations = ofType(events, 'observation');
    expect(observations.map((event) => [event.API_name, event.isError])).toEqual([
      ['detect_objects', false],
      ['crop', false],
      ['image_info', false],
    ]);
    const detected = observations[0]?.output as {
      objects: Array<{ label: string; score: number }>;
      new_images: string[];
    };
    expect(detected.objects[0]?.label).toBe('cat');
    expect(detected.new_images).toEqual(['image_2']);
    const cropped = observations[1]?.output as { width: number; height: number; new_images: string[] };
    expect(cropped.new_images).toEqual(['image_3']);
    expect([cropped.width, cropped.height]).toEqual([227, 150]);
    expect(observations[2]?.output).toMatchObject({ width: 227, height: 150 });
    const image = conversation.images.get('image_3');
    const meta = await sharp(image?.data).metadata();
    expect([meta.width, meta.height]).toEqual([227, 150]);
    expect(ofType(events, 'answer').map((event) => event.text)).toEqual(['There is a cat; I cropped it.']);
    expect(ofType(events, 'image').map((event) => [event.handle, event.source])).toEqual([
      ['image_1', 'user'],
      ['image_2', 'detect/detect_objects'],
      ['image_3', 'image/crop'],
    ]);
  });
});
