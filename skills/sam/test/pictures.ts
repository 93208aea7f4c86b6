import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { writeTinySam } from './fixtures/sam-models.js';

export const WIDTH = 160;
export const HEIGHT = 120;

/**
 * 160×120: grey, with an orange block over the middle quarter (x 40–119, y 30–89) and a blue
 * pixel column at x = 80, so a cut-out shows whether it took the right pixels.
 */
export async function scenePng(): Promise<Buffer> {
  const block = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#f08020' } })
    .png()
    .toBuffer();
  const column = await sharp({ create: { width: 1, height: HEIGHT, channels: 3, background: '#0000ff' } })
    .png()
    .toBuffer();
  return sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: '#808080' } })
    .composite([
      { input: block, left: 40, top: 30 },
      { input: column, left: 80, top: 0 },
    ])
    .png()
    .toBuffer();
}

export function dataUri(bytes: Buffer, mimeType = 'image/png'): string {
  return `data:${mimeType};base64,${bytes.toString('base64')}`;
}

/** A fresh temporary folder holding the tiny SAM (see fixtures/sam-models.ts), `sub` inside it. */
export async function tinySamFolder(sub = 'tiny-sam', suffix = ''): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'mmskills-sam-'));
  return { root, dir: await writeTinySam(join(root, sub), suffix) };
}
