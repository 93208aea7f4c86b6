import { element } from './dom.js';

// A mask a tool returns (e.g. segment_people's "white = person" picture) tinted semi-transparently
// over the picture it was made from. Image blocks carry no role, so a returned picture counts as a
// mask by what it is: the shape of its source, grey, opaque and nearly two-valued. Annotated
// copies (coloured), cut-outs (transparent) and grey photos (many mid-tones) are left alone.

const MASK_RGB = [124, 77, 255];
const MASK_OPACITY = 0.45;

/** The tint's alpha per pixel of an RGBA picture (4 bytes a pixel), or null when it is no mask. */
export function maskAlpha(rgba: Uint8ClampedArray): Uint8ClampedArray | null {
  const pixels = rgba.length / 4;
  if (pixels === 0 || !Number.isInteger(pixels)) return null;
  const alpha = new Uint8ClampedArray(pixels);
  let extreme = 0;
  let inside = 0;
  for (let i = 0; i < pixels; i += 1) {
    const r = rgba[i * 4] ?? 0;
    const g = rgba[i * 4 + 1] ?? 0;
    const b = rgba[i * 4 + 2] ?? 0;
    if (rgba[i * 4 + 3] !== 255 || Math.abs(r - g) > 8 || Math.abs(r - b) > 8) return null;
    if (r <= 16 || r >= 239) extreme += 1;
    if (r > 0) inside += 1;
    alpha[i] = Math.round(r * MASK_OPACITY);
  }
  // Soft mattes keep their mid-tones at the edges only; a grey photo has them everywhere.
  return extreme >= pixels * 0.9 && inside > 0 ? alpha : null;
}

function sameShape(a: HTMLImageElement, b: HTMLImageElement): boolean {
  return Math.abs(a.naturalWidth / a.naturalHeight - b.naturalWidth / b.naturalHeight) < 0.01;
}

/** Tints `maskImg` over `frame`'s picture when it is a mask of it; resolves with the canvas or null. */
export async function overlayMask(
  frame: HTMLElement,
  maskImg: HTMLImageElement,
  handle: string,
): Promise<HTMLCanvasElement | null> {
  const base = frame.querySelector('img');
  if (!base) return null;
  await Promise.all([base.decode(), maskImg.decode()]);
  if (!sameShape(base, maskImg)) return null;
  const width = maskImg.naturalWidth;
  const height = maskImg.naturalHeight;
  const canvas = element('canvas', 'mask');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(maskImg, 0, 0);
  const alpha = maskAlpha(context.getImageData(0, 0, width, height).data);
  if (!alpha) return null;
  const tint = context.createImageData(width, height);
  for (let i = 0; i < alpha.length; i += 1) {
    tint.data.set(MASK_RGB, i * 4);
    tint.data[i * 4 + 3] = alpha[i] ?? 0;
  }
  context.putImageData(tint, 0, 0);
  canvas.dataset.handle = handle;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Mask ${handle} over this picture`);
  // Under boxes and points, right above the picture.
  base.after(canvas);
  return canvas;
}
