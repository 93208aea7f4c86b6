import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Turn } from '@mmskills/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyOwl } from '../../skills/ground/test/fixtures/owl-models.js';
import { writeTinyLama } from '../../skills/inpaint/test/fixtures/lama-models.js';
import { writeTinySam } from '../../skills/sam/test/fixtures/sam-models.js';
import type { Host } from '../src/host.js';
import { builtinSkillServers } from '../src/pool/builtin.js';
import { collect, ofType, scriptedHost } from './fixtures/hosts.js';

// LLaVA-Plus's composed skills, as the host's model makes them: grounded SAM (ground → sam with
// the found box) and "remove that" (sam → inpaint with the returned mask's handle). The skills are
// real processes on tiny models with their families' signatures (each skill's own fixtures): the
// tiny OWLv2 finds red patches, the tiny SAM masks the prompt box, the tiny LaMa fills a hole
// with the mean of the pixels it can see.
const SIDE = 128;
const RED_BOX = [0.25, 0.25, 0.5, 0.5];
const call = (API_name: string, API_params: Record<string, unknown>): Turn => ({
  thoughts: `Next: ${API_name}.`,
  actions: [{ API_name, API_params }],
  value: '…',
});

describe('composed skills through picture handles', () => {
  let host: Host;
  let photo: Buffer;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'composed-'));
    const env = {
      MMSKILLS_GROUND_MODEL: await writeTinyOwl(join(dir, 'owl')),
      MMSKILLS_SAM_MODEL: await writeTinySam(join(dir, 'sam')),
      MMSKILLS_INPAINT_MODEL: writeTinyLama(join(dir, 'lama')),
    };
    const all = builtinSkillServers({ source: true, env });
    host = await scriptedHost(
      [
        call('ground_objects', { image: 'image_1', query: 'red mug' }),
        call('segment_region', { image: 'image_1', boxes: [RED_BOX] }),
        call('remove_object', { image: 'image_1', mask: 'image_3' }),
        { thoughts: 'Done.', actions: [], value: 'The red mug is gone: image_6.' },
      ],
      { ground: all.ground, sam: all.sam, inpaint: all.inpaint } as typeof all,
    );
    // Grey, with a red square on the tiny models' second patch of the second row.
    const red = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    photo = await sharp({ create: { width: SIDE, height: SIDE, channels: 3, background: '#808080' } })
      .composite([{ input: red, left: 32, top: 32 }])
      .png()
      .toBuffer();
  }, 120_000);

  afterAll(async () => {
    await host?.close();
  });

  it('grounds the phrase, segments the found box, and removes what the mask covers', async () => {
    const conversation = host.newConversation();
    const events = await collect(
      host.run(conversation, {
        text: 'Remove the red mug.',
        images: [{ data: photo, mimeType: 'image/png' }],
      }),
    );
    const observations = ofType(events, 'observation');
    expect(observations.map((o) => [o.API_name, o.isError])).toEqual([
      ['ground_objects', false],
      ['segment_region', false],
      ['remove_object', false],
    ]);
    // The box the model passed on is the one grounding found.
    const found = (observations[0]?.output as { objects: Array<{ box: number[] }> } | undefined)?.objects[0];
    expect(found?.box).toEqual(RED_BOX);
    expect(ofType(events, 'image').map((image) => [image.handle, image.source])).toEqual([
      ['image_1', 'user'],
      ['image_2', 'ground/ground_objects'],
      ['image_3', 'sam/segment_region'],
      ['image_4', 'sam/segment_region'],
      ['image_5', 'sam/segment_region'],
      ['image_6', 'inpaint/remove_object'],
    ]);
    const filled = conversation.images.get('image_6')?.data as Buffer;
    const { data } = await sharp(filled).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) =>
      Array.from(data.subarray((y * SIDE + x) * 3, (y * SIDE + x) * 3 + 3));
    expect(at(48, 48)).toEqual([128, 128, 128]); // the mug's pixels, now the grey around them
    expect(at(100, 100)).toEqual([128, 128, 128]); // untouched
    expect(ofType(events, 'answer')[0]?.text).toBe('The red mug is gone: image_6.');
  }, 120_000);
});
