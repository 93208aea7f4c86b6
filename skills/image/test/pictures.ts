import { photoPath } from '@mmskills/core/testing';
import sharp from 'sharp';

export const RED = [255, 0, 0] as const;
export const GREEN = [0, 255, 0] as const;
export const BLUE = [0, 0, 255] as const;
export const YELLOW = [255, 255, 0] as const;

/** The repository root, so test photos can be passed as file paths. */
export const REPO_ROOT = photoPath('astronaut').replace(/\/test\/photos\/astronaut\.png$/, '');
export const ENV = { ...process.env, MMSKILLS_FILE_ROOTS: REPO_ROOT };

/** 100×50 in four 50×25 quadrants: red top-left, green top-right, blue bottom-left, yellow bottom-right. */
export async function quadrantsPng(): Promise<Buffer> {
  const data = Buffer.alloc(100 * 50 * 3);
  for (let y = 0; y < 50; y += 1) {
    for (let x = 0; x < 100; x += 1) {
      const colour = y < 25 ? (x < 50 ? RED : GREEN) : x < 50 ? BLUE : YELLOW;
      data.set(colour, (y * 100 + x) * 3);
    }
  }
  return sharp(data, { raw: { width: 100, height: 50, channels: 3 } })
    .png()
    .toBuffer();
}

export function dataUri(bytes: Buffer, mimeType = 'image/png'): string {
  return `data:${mimeType};base64,${bytes.toString('base64')}`;
}

/** Decoded RGB pixels of an encoded picture, with a pixel reader. */
export async function pixelsOf(encoded: Buffer) {
  const { data, info } = await sharp(encoded).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    data,
    at(x: number, y: number): number[] {
      const offset = (y * info.width + x) * 3;
      return [...data.subarray(offset, offset + 3)];
    },
    /** Every distinct colour, as `r,g,b` strings in order of first appearance. */
    colours(): string[] {
      const seen = new Set<string>();
      for (let i = 0; i < data.length; i += 3) seen.add(data.subarray(i, i + 3).join(','));
      return [...seen];
    },
  };
}
