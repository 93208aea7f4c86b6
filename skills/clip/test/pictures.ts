import sharp from 'sharp';

/** A solid square PNG of one colour, e.g. `solidPng('#ff0000')`. */
export function solidPng(background: string, size = 32): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background } })
    .png()
    .toBuffer();
}

export function dataUri(bytes: Buffer, mimeType = 'image/png'): string {
  return `data:${mimeType};base64,${bytes.toString('base64')}`;
}
