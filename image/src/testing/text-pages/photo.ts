import sharp from 'sharp';
import type { LayoutLine, PageBox, TextPage } from './layout.js';
import { proseLines } from './prose.js';
import { gaussian, seededRandom } from './random.js';
import { drawPage } from './raster.js';

// Blur spreads ink about this far, so the turned boxes are widened by it.
const BLUR_REACH = 2;

/** Where a point of the straight page lands on the page sharp turned `degrees` clockwise about its centre. */
function turn(point: [number, number], before: PageBox, after: PageBox, degrees: number): [number, number] {
  const angle = (degrees * Math.PI) / 180;
  const dx = point[0] - before.width / 2;
  const dy = point[1] - before.height / 2;
  return [
    after.width / 2 + dx * Math.cos(angle) - dy * Math.sin(angle),
    after.height / 2 + dx * Math.sin(angle) + dy * Math.cos(angle),
  ];
}

function turnedLine(line: LayoutLine, before: PageBox, after: PageBox, degrees: number): LayoutLine {
  const { x, y, width, height } = line.box;
  const corners: Array<[number, number]> = [
    [x, y],
    [x + width, y],
    [x + width, y + height],
    [x, y + height],
  ];
  const quad = corners.map((corner) => turn(corner, before, after, degrees));
  const xs = quad.map(([px]) => px);
  const ys = quad.map(([, py]) => py);
  const left = Math.max(0, Math.floor(Math.min(...xs)) - BLUR_REACH);
  const top = Math.max(0, Math.floor(Math.min(...ys)) - BLUR_REACH);
  const right = Math.min(after.width, Math.ceil(Math.max(...xs)) + BLUR_REACH);
  const bottom = Math.min(after.height, Math.ceil(Math.max(...ys)) + BLUR_REACH);
  return {
    ...line,
    box: { x: left, y: top, width: right - left, height: bottom - top },
    quad: quad.map(([px, py]) => [Math.round(px * 10) / 10, Math.round(py * 10) / 10] as [number, number]),
  };
}

/**
 * A photographed page: a prose page (quotes, apostrophes and `ll` words among its words) turned 2.5–3.5°
 * either way, blurred a little, on off-white paper lit unevenly, with sensor noise, saved as JPEG at
 * quality 70. Reading order: top to bottom, as on the straight page.
 */
export async function photoPage(seed: number): Promise<TextPage> {
  const random = seededRandom(0xf070 + seed * 7919);
  const degrees = Math.round((random() < 0.5 ? -1 : 1) * (2.5 + random()) * 10) / 10;
  // Its own seed range, so that photo page n is not prose page n's layout with other words.
  const straightWidth = 1000;
  const { texts, height: straightHeight } = proseLines(seed + 0x10000, straightWidth, true);
  const { png, lines: straightLines } = await drawPage(straightWidth, straightHeight, texts);
  const { data, info } = await sharp(png)
    .flatten({ background: '#ffffff' })
    .rotate(degrees, { background: '#ffffff' })
    .blur(0.8)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const paper = [236, 231, 220];
  const dim = 0.12 * random();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const light = 1 - dim * ((x / width + y / height) / 2);
      const noise = gaussian(random) * 7;
      const at = (y * width + x) * channels;
      for (let c = 0; c < 3; c++) {
        const value = ((data[at + c] as number) * (paper[c] as number) * light) / 255 + noise;
        data[at + c] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
  }
  const image = await sharp(data, { raw: { width, height, channels } }).jpeg({ quality: 70 }).toBuffer();
  const before = { x: 0, y: 0, width: straightWidth, height: straightHeight };
  const after = { x: 0, y: 0, width, height };
  const lines = straightLines.map((line) => turnedLine(line, before, after, degrees));
  return {
    kind: 'photo',
    seed,
    image,
    mime: 'image/jpeg',
    width,
    height,
    text: lines.map((line) => line.text).join('\n'),
    layout: { lines, rotation: degrees },
  };
}
