import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A real decompression bomb: a valid 1-bit grey PNG of `side`×`side` black pixels whose zlib
 * stream is a few kilobytes (12000² is 144 MP, 432 MB once decoded to RGB).
 */
export function pngBomb(side: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([1, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc(side * (1 + Math.ceil(side / 8)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A small real JPEG whose SOF0 header is rewritten to claim `width`×`height`. */
export async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } })
    .jpeg({ progressive: false })
    .toBuffer();
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg.writeUInt16BE(height, sof + 5);
  jpeg.writeUInt16BE(width, sof + 7);
  return jpeg;
}

/** A small real lossy WebP whose VP8 frame header is rewritten to claim `side`×`side` (max 16383). */
export async function webpClaiming(side: number): Promise<Buffer> {
  const webp = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } })
    .webp({ lossless: false })
    .toBuffer();
  const start = webp.indexOf(Buffer.from([0x9d, 0x01, 0x2a]));
  webp.writeUInt16LE(side & 0x3fff, start + 3);
  webp.writeUInt16LE(side & 0x3fff, start + 5);
  return webp;
}

/** An animated image of `frames` frames, each `side`² and of its own grey level; the first is red. */
export async function animation(format: 'gif' | 'webp', frames: number, side: number): Promise<Buffer> {
  const first = await sharp({ create: { width: side, height: side, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  const rest = await Promise.all(
    Array.from({ length: frames - 1 }, (_, i) =>
      sharp({ create: { width: side, height: side, channels: 3, background: { r: i % 256, g: 0, b: 255 } } })
        .png()
        .toBuffer(),
    ),
  );
  const joined = sharp([first, ...rest], { join: { animated: true } });
  return format === 'gif' ? joined.gif().toBuffer() : joined.webp({ lossless: true }).toBuffer();
}

/** Upright 30×20 picture: blue, with a red 6×6 block in the top-left corner. */
async function upright(): Promise<sharp.Sharp> {
  const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#0000ff' } })
    .composite([
      {
        input: { create: { width: 6, height: 6, channels: 3, background: '#ff0000' } },
        left: 0,
        top: 0,
      },
    ])
    .png()
    .toBuffer();
  return sharp(png);
}

const step = async (input: Buffer, op: (image: sharp.Sharp) => sharp.Sharp) =>
  op(sharp(input)).png().toBuffer();

/**
 * A JPEG stored so that EXIF `orientation` turns it back into the upright picture above: the stored
 * pixels are the inverse transform (5 and 7 are their own inverses; 6 and 8 swap).
 */
export async function storedWithOrientation(orientation: number): Promise<Buffer> {
  let stored = await (await upright()).png().toBuffer();
  if (orientation === 2) stored = await step(stored, (s) => s.flop());
  if (orientation === 3) stored = await step(stored, (s) => s.rotate(180));
  if (orientation === 4) stored = await step(stored, (s) => s.flip());
  if (orientation === 5) stored = await step(await step(stored, (s) => s.rotate(90)), (s) => s.flop());
  if (orientation === 6) stored = await step(stored, (s) => s.rotate(270));
  if (orientation === 7) stored = await step(await step(stored, (s) => s.rotate(270)), (s) => s.flop());
  if (orientation === 8) stored = await step(stored, (s) => s.rotate(90));
  return sharp(stored).withMetadata({ orientation }).jpeg({ quality: 95 }).toBuffer();
}

/** A CMYK JPEG of a flat colour, as print workflows write them. */
export async function cmykJpeg(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 24, height: 16, channels: 3, background: colour } })
    .toColourspace('cmyk')
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** A 16-bit-per-channel PNG of a flat colour. */
export async function png16(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 24, height: 16, channels: 3, background: colour } })
    .toColourspace('rgb16')
    .png()
    .toBuffer();
}

/** An SVG "billion laughs": nested entities that expand to gigabytes if an XML parser follows them. */
export function svgLaughs(): Buffer {
  const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join(
    '',
  );
  return Buffer.from(
    `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY l0 "lol">${entities}]>` +
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&l9;</text></svg>',
  );
}
