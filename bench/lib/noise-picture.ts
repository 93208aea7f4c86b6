import sharp from 'sharp';

/**
 * A PNG of seeded RGB noise, `side`×`side`: noise does not compress, so the file is about
 * 3·side² bytes (592 gives 1 MiB) and every run gets the same bytes. As a data: URL.
 */
export async function noisePicture(side: number, seed = 17): Promise<{ url: string; bytes: number }> {
  const pixels = Buffer.alloc(side * side * 3);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < pixels.length; i += 1) {
    // xorshift32: fast, and the same sequence on every machine.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    pixels[i] = state & 0xff;
  }
  const png = await sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png()
    .toBuffer();
  return { url: `data:image/png;base64,${png.toString('base64')}`, bytes: png.length };
}
