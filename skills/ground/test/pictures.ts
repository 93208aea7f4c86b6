import sharp from 'sharp';

/** A solid rectangle, in pixels, and its colour. */
export interface Block {
  left: number;
  top: number;
  width: number;
  height: number;
  rgb: readonly [number, number, number];
}

/** A `width` × `height` PNG of one colour (grey by default) with the blocks painted on it. */
export async function blocksPng(
  width: number,
  height: number,
  blocks: readonly Block[],
  grey = 128,
): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3, grey);
  for (const block of blocks) {
    for (let y = block.top; y < block.top + block.height; y += 1) {
      for (let x = block.left; x < block.left + block.width; x += 1) data.set(block.rgb, (y * width + x) * 3);
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

export function dataUri(bytes: Buffer, mimeType = 'image/png'): string {
  return `data:${mimeType};base64,${bytes.toString('base64')}`;
}

const MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
const STD = [0.26862954, 0.26130258, 0.27577711] as const;

/**
 * The score the tiny model gives a patch of one colour for a query of weight `t` (see
 * fixtures/owl-graph.ts): sigmoid(8 · (R − B) · t − 5) over CLIP-normalised channels.
 */
export function tinyScore(rgb: readonly [number, number, number], t: number): number {
  const red = (rgb[0] / 255 - MEAN[0]) / STD[0];
  const blue = (rgb[2] / 255 - MEAN[2]) / STD[2];
  return 1 / (1 + Math.exp(-(8 * (red - blue) * t - 5)));
}
