import { MmskillsError, MmskillsErrorCode } from '@mmskills/core';
import sharp from 'sharp';
import type { DecodedImage } from './decode.js';

type Rgb = readonly [number, number, number];

/** How {@link toTensor} shapes and normalises pixels for a model input. */
export interface TensorOptions {
  width: number;
  height: number;
  /** `stretch` ignores aspect ratio; `letterbox` keeps it and pads the rest, centred. */
  fit: 'stretch' | 'letterbox';
  /** Output dims are `[1, height, width, 3]` for `hwc` and `[1, 3, height, width]` for `chw`. */
  layout: 'hwc' | 'chw';
  /** Subtracted after `scale`, per RGB channel (default 0). */
  mean?: Rgb;
  /** Divides after `mean`, per RGB channel (default 1). */
  std?: Rgb;
  /** Multiplies the 0–255 pixel value first (default 1/255). */
  scale?: number;
  /** Letterbox padding as a 0–255 pixel value, normalised like any pixel (default 0). */
  padValue?: number | Rgb;
  /** Resampling kernel (default `linear`, as most model preprocessing uses bilinear). */
  kernel?: 'nearest' | 'linear' | 'cubic' | 'lanczos3';
}

/** Where the image sits in a letterboxed tensor: original = (tensor − pad) / scale. */
export interface Letterbox {
  scale: number;
  padX: number;
  padY: number;
}

/** A float32 model input and, for letterboxing, how to map coordinates back to the image. */
export interface ImageTensor {
  data: Float32Array;
  dims: number[];
  letterbox?: Letterbox;
}

function checkInput(image: DecodedImage, options: TensorOptions): void {
  if (image.data.length !== image.width * image.height * 3) {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      `image has ${image.data.length} bytes, not ${image.width}×${image.height}×3 RGB`,
    );
  }
  for (const key of ['width', 'height'] as const) {
    if (!Number.isInteger(options[key]) || options[key] <= 0) {
      throw new MmskillsError(MmskillsErrorCode.InvalidArgument, `tensor ${key} must be a positive integer`);
    }
  }
  if (options.std?.some((value) => value === 0)) {
    throw new MmskillsError(MmskillsErrorCode.InvalidArgument, 'tensor std must not contain 0');
  }
}

function placement(image: DecodedImage, options: TensorOptions) {
  if (options.fit === 'stretch')
    return { width: options.width, height: options.height, padX: 0, padY: 0, scale: 1 };
  const scale = Math.min(options.width / image.width, options.height / image.height);
  const width = Math.min(options.width, Math.max(1, Math.round(image.width * scale)));
  const height = Math.min(options.height, Math.max(1, Math.round(image.height * scale)));
  const padX = Math.floor((options.width - width) / 2);
  const padY = Math.floor((options.height - height) / 2);
  return { width, height, padX, padY, scale };
}

/**
 * Resizes decoded RGB pixels to a model's input size and returns them as normalised float32:
 * value = (pixel × scale − mean) / std, channels in RGB order.
 */
export async function toTensor(image: DecodedImage, options: TensorOptions): Promise<ImageTensor> {
  checkInput(image, options);
  const { width: W, height: H, layout } = options;
  const inner = placement(image, options);
  const pixels =
    inner.width === image.width && inner.height === image.height
      ? image.data
      : await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
          .resize(inner.width, inner.height, { fit: 'fill', kernel: options.kernel ?? 'linear' })
          .raw()
          .toBuffer();

  const scale = options.scale ?? 1 / 255;
  const mean = options.mean ?? [0, 0, 0];
  const std = options.std ?? [1, 1, 1];
  const lut = new Float32Array(3 * 256);
  for (let c = 0; c < 3; c++) {
    for (let v = 0; v < 256; v++) lut[c * 256 + v] = (v * scale - (mean[c] ?? 0)) / (std[c] ?? 1);
  }
  const pad =
    typeof options.padValue === 'number'
      ? [options.padValue, options.padValue, options.padValue]
      : (options.padValue ?? [0, 0, 0]);
  const padNorm = pad.map((v, c) => (v * scale - (mean[c] ?? 0)) / (std[c] ?? 1));

  const data = new Float32Array(W * H * 3);
  const plane = W * H;
  // Element (y, x, c) of the tensor sits at y·rowStep + x·pixelStep + c·channelStep.
  const [pixelStep, rowStep, channelStep] = layout === 'chw' ? [1, W, plane] : [3, 3 * W, 1];
  for (let c = 0; c < 3; c++) {
    const table = lut.subarray(c * 256, (c + 1) * 256);
    const padding = padNorm[c] ?? 0;
    for (let y = 0; y < H; y++) {
      const iy = y - inner.padY;
      const row = y * rowStep + c * channelStep;
      const rowInside = iy >= 0 && iy < inner.height;
      for (let x = 0; x < W; x++) {
        const ix = x - inner.padX;
        const inside = rowInside && ix >= 0 && ix < inner.width;
        data[row + x * pixelStep] = inside
          ? (table[pixels[(iy * inner.width + ix) * 3 + c] ?? 0] ?? 0)
          : padding;
      }
    }
  }
  const dims = layout === 'chw' ? [1, 3, H, W] : [1, H, W, 3];
  if (options.fit === 'stretch') return { data, dims };
  return { data, dims, letterbox: { scale: inner.scale, padX: inner.padX, padY: inner.padY } };
}
