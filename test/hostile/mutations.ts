import { crc32 } from 'node:zlib';
import { PHOTOS, photoPath, seededRandom } from '@mmskills/core/testing';
import sharp from 'sharp';

/** One generated hostile image: a name that reproduces it (seed, base, index) and its bytes. */
export interface Mutation {
  name: string;
  bytes: Buffer;
}

const MAGIC: Record<string, Buffer> = {
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  webp: Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'),
  gif: Buffer.from('GIF89a', 'latin1'),
  tiff: Buffer.from([0x49, 0x49, 0x2a, 0x00]),
};

type Op = (bytes: Buffer, random: () => number) => [string, Buffer];
const at = (random: () => number, length: number) => Math.floor(random() * length);

// Each operation copies its input, so the clean bases are never touched.
const OPS: Op[] = [
  (bytes, random) => {
    const out = Buffer.from(bytes);
    const flips = 1 + at(random, 8);
    for (let i = 0; i < flips; i++) {
      const index = at(random, out.length);
      out[index] = (out[index] ?? 0) ^ (1 << at(random, 8));
    }
    return [`flip${flips}`, out];
  },
  (bytes, random) => {
    const length = at(random, bytes.length);
    return [`truncate@${length}`, Buffer.from(bytes.subarray(0, length))];
  },
  (bytes, random) => {
    const out = Buffer.from(bytes);
    const start = at(random, out.length);
    const run = 1 + at(random, 64);
    for (let i = start; i < Math.min(out.length, start + run); i++) out[i] = at(random, 256);
    return [`overwrite${run}@${start}`, out];
  },
  (bytes, random) => {
    const names = Object.keys(MAGIC);
    const name = names[at(random, names.length)] ?? 'png';
    const magic = MAGIC[name] ?? Buffer.alloc(0);
    return [`header=${name}`, Buffer.concat([magic, bytes.subarray(magic.length)])];
  },
  (bytes, random) => {
    const out = Buffer.from(bytes);
    out.fill(0, 0, 1 + at(random, 16));
    return ['zeroed-header', out];
  },
  (bytes, random) => {
    const start = at(random, bytes.length);
    const end = Math.min(bytes.length, start + 1 + at(random, 256));
    const copies = 1 + at(random, 4);
    const repeated = Buffer.concat(Array.from({ length: copies }, () => bytes.subarray(start, end)));
    return [
      `duplicate${copies}x${end - start}@${start}`,
      Buffer.concat([bytes.subarray(0, end), repeated, bytes.subarray(end)]),
    ];
  },
  (bytes, random) => {
    const garbage = Buffer.from(Array.from({ length: 1 + at(random, 512) }, () => at(random, 256)));
    return [`append${garbage.length}`, Buffer.concat([bytes, garbage])];
  },
  (bytes, random) => {
    // PNG IHDR width/height (big-endian at 16 and 20) with the CRC fixed, so the lie gets past the CRC check.
    if (bytes.readUInt32BE(0) !== 0x89504e47) return OPS[0]?.(bytes, random) ?? ['none', bytes];
    const out = Buffer.from(bytes);
    const width = 1 + at(random, 70_000);
    const height = 1 + at(random, 70_000);
    out.writeUInt32BE(width, 16);
    out.writeUInt32BE(height, 20);
    out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
    return [`ihdr=${width}x${height}`, out];
  },
];

/** Small PNG, JPEG and WebP encodings of every committed photo: the clean bases to mutate. */
export async function baseImages(): Promise<Mutation[]> {
  const bases: Mutation[] = [];
  for (const photo of PHOTOS) {
    const small = sharp(photoPath(photo)).resize(48, 40, { fit: 'inside' });
    bases.push({ name: `${photo}.png`, bytes: await small.clone().png().toBuffer() });
    bases.push({ name: `${photo}.jpeg`, bytes: await small.clone().jpeg({ quality: 80 }).toBuffer() });
    bases.push({ name: `${photo}.webp`, bytes: await small.clone().webp({ quality: 80 }).toBuffer() });
  }
  return bases;
}

/** `perBase` seeded mutations of each base; the same seed always gives the same cases. */
export function mutate(bases: Mutation[], perBase: number, seed: number): Mutation[] {
  const random = seededRandom(seed);
  return bases.flatMap((base) =>
    Array.from({ length: perBase }, (_, index) => {
      const op = OPS[at(random, OPS.length)] ?? OPS[0];
      const [what, bytes] = op ? op(base.bytes, random) : ['none', base.bytes];
      return { name: `seed ${seed} #${index} ${base.name} ${what}`, bytes };
    }),
  );
}
