import sharp from 'sharp';

/** A solid rectangle: its corner, size and colour. */
export interface Patch {
  left: number;
  top: number;
  width: number;
  height: number;
  colour: string;
}

const solid = (width: number, height: number, colour: string) =>
  sharp({ create: { width, height, channels: 3, background: colour } });

/** A `width` × `height` picture of `background` with solid patches on it, as raw RGB. */
export async function scene(width: number, height: number, background: string, patches: Patch[]) {
  const layers = await Promise.all(
    patches.map(async (patch) => ({
      input: await solid(patch.width, patch.height, patch.colour).png().toBuffer(),
      left: patch.left,
      top: patch.top,
    })),
  );
  // Compositing adds an alpha channel; a photo or a mask has none.
  const png = await sharp(await solid(width, height, background).composite(layers).png().toBuffer())
    .removeAlpha()
    .png()
    .toBuffer();
  const raw = await sharp(png).raw().toBuffer();
  return { png, raw, width, height };
}

/** A black-and-white mask PNG: white where the patches are (their colour is ignored). */
export async function maskPng(width: number, height: number, white: Array<Omit<Patch, 'colour'>>) {
  return (
    await scene(
      width,
      height,
      '#000000',
      white.map((patch) => ({ ...patch, colour: '#ffffff' })),
    )
  ).png;
}

export function dataUri(bytes: Buffer, mimeType = 'image/png'): string {
  return `data:${mimeType};base64,${bytes.toString('base64')}`;
}

/** Decoded RGB of an encoded picture. */
export async function rgbOf(bytes: Buffer) {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The pixels of `a` and `b` that differ, as indices; both must be the same size. */
export function differingPixels(a: Uint8Array, b: Uint8Array): number[] {
  const found: number[] = [];
  for (let i = 0; i < a.length; i += 3) {
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) found.push(i / 3);
  }
  return found;
}

/** Whether pixel `index` of a `width`-wide picture lies in the rectangle (right and bottom exclusive). */
export const inRect = (
  index: number,
  width: number,
  rect: { x1: number; y1: number; x2: number; y2: number },
) => {
  const x = index % width;
  const y = Math.floor(index / width);
  return x >= rect.x1 && x < rect.x2 && y >= rect.y1 && y < rect.y2;
};
