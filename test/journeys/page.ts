import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';

/** Words on the page the journeys read back through OCR. */
export const PAGE_WORDS = ['Invoice', '2041', 'paid'];

/** Renders one line of dark text on a white page (librsvg through sharp) into `path`. */
export async function writeTextPage(path: string): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="160">
    <rect width="100%" height="100%" fill="#fff"/>
    <text x="40" y="95" font-family="DejaVu Sans" font-size="44" fill="#111">${PAGE_WORDS.join(' ')}</text>
  </svg>`;
  await writeFile(path, await sharp(Buffer.from(svg)).png().toBuffer());
}
