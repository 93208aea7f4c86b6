import {
  DEFAULT_IMAGE_LIMITS,
  type HeldImages,
  type ImageLimits,
  type ImageSourcePolicy,
  imageTooLargeError,
  MmskillsError,
  MmskillsErrorCode,
  readImageSource,
} from '@mmskills/core';
import sharp from 'sharp';

/** Decoded pixels: 8-bit sRGB, 3 channels, rows top to bottom (HWC), upright per EXIF orientation. */
export interface DecodedImage {
  data: Buffer;
  width: number;
  height: number;
  /** The input's container format as sharp names it: `jpeg`, `png`, `webp`, `gif`, `tiff`, `heif`. */
  format: string;
  /** What the encoded input's header says, before orientation and flattening (absent on hand-made images). */
  source?: SourceImageInfo;
}

/** Facts from an encoded image's header: size in bytes, stored channels, alpha, EXIF orientation (1–8). */
export interface SourceImageInfo {
  bytes: number;
  channels: number;
  hasAlpha: boolean;
  orientation: number;
}

// SVG is left out on purpose: rasterising untrusted XML is an attack surface with no use here.
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif', 'avif']);

function invalidImage(message: string, cause?: unknown): MmskillsError {
  return new MmskillsError(MmskillsErrorCode.InvalidImage, message, { cause });
}

function megapixels(pixels: number): string {
  return `${(pixels / 1_000_000).toFixed(1)} MP`;
}

const UNSUPPORTED =
  'image is not in a supported format or its header is corrupt; send a PNG, JPEG, WebP, GIF, TIFF or AVIF file';

const startsWith = (bytes: Buffer, signature: string, offset = 0) =>
  bytes.subarray(offset, offset + signature.length).equals(Buffer.from(signature, 'latin1'));

/**
 * Checks the file signature before sharp sees the bytes: sharp's metadata() hands whatever it is
 * given to the matching libvips loader, so an SVG (or any other loader's input) would otherwise be
 * parsed by librsvg and the like before the format check below could refuse it.
 */
function checkSignature(bytes: Buffer): void {
  const raster =
    startsWith(bytes, '\x89PNG\r\n\x1a\n') ||
    startsWith(bytes, '\xff\xd8\xff') ||
    startsWith(bytes, 'GIF87a') ||
    startsWith(bytes, 'GIF89a') ||
    (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) ||
    startsWith(bytes, 'II*\0') ||
    startsWith(bytes, 'MM\0*') ||
    startsWith(bytes, 'II+\0') ||
    startsWith(bytes, 'MM\0+') ||
    startsWith(bytes, 'ftyp', 4);
  if (raster) return;
  if (/^(\ufeff)?\s*</.test(bytes.subarray(0, 256).toString('utf8'))) {
    throw invalidImage(
      'image is not in a supported format: svg images are not accepted, nor other XML or HTML; convert it to PNG, JPEG or WebP first',
    );
  }
  throw invalidImage(UNSUPPORTED);
}

async function readHeader(bytes: Buffer): Promise<sharp.Metadata> {
  checkSignature(bytes);
  try {
    return await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw invalidImage(UNSUPPORTED, error);
  }
}

/**
 * Decodes encoded image bytes into upright 8-bit sRGB RGB pixels: EXIF orientation applied, alpha
 * flattened onto white, only the first frame of an animation. The pixel limit is checked from the
 * header before any pixel is decoded.
 * @throws MmskillsError `invalid_image` (empty, not an image, corrupt, truncated) or `image_too_large`
 * @see ARCHITECTURE.md "Images in"
 */
export async function decodeImage(
  bytes: Buffer,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<DecodedImage> {
  if (bytes.length === 0) throw invalidImage('image is empty (0 bytes); send the image file contents');
  if (bytes.length > limits.maxBytes) throw imageTooLargeError(bytes.length, limits.maxBytes);
  const header = await readHeader(bytes);
  const format = header.format ?? 'unknown';
  if (!ACCEPTED_FORMATS.has(format)) {
    throw invalidImage(`${format} images are not accepted; convert it to PNG, JPEG or WebP first`);
  }
  const width = header.width ?? 0;
  const height = header.pageHeight ?? header.height ?? 0;
  if (width <= 0 || height <= 0) throw invalidImage('image header declares no width or height');
  if (width * height > limits.maxPixels) {
    throw new MmskillsError(
      MmskillsErrorCode.ImageTooLarge,
      `image is ${width}×${height} (${megapixels(width * height)}), over the ${megapixels(limits.maxPixels)} ` +
        'limit; downscale it before sending',
    );
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: limits.maxPixels, pages: 1, page: 0 })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) {
      throw new MmskillsError(
        MmskillsErrorCode.Internal,
        `decoder produced ${info.channels} channels, not 3`,
      );
    }
    const source: SourceImageInfo = {
      bytes: bytes.length,
      channels: header.channels ?? 3,
      hasAlpha: header.hasAlpha ?? false,
      orientation: header.orientation ?? 1,
    };
    return { data, width: info.width, height: info.height, format, source };
  } catch (error) {
    if (error instanceof MmskillsError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    if (detail.includes('pixel limit')) {
      throw new MmskillsError(
        MmskillsErrorCode.ImageTooLarge,
        `image is over the ${megapixels(limits.maxPixels)} limit`,
        {
          cause: error,
        },
      );
    }
    throw invalidImage(
      `${format} image data is corrupt or truncated (${detail}); re-export or resend the file`,
      error,
    );
  }
}

/** What {@link loadImage} reads with and decodes under. */
export interface LoadImageOptions {
  policy: ImageSourcePolicy;
  limits?: ImageLimits;
  /** Pictures the server made, for arguments naming one by its `mmskills://` URI. */
  held?: HeldImages;
}

/**
 * Reads an image argument ({@link readImageSource}) and decodes it ({@link decodeImage}); the byte
 * cap is the smaller of the policy's and the limits'.
 * @see ARCHITECTURE.md "Images in"
 */
export async function loadImage(arg: string, options: LoadImageOptions): Promise<DecodedImage> {
  const limits = options.limits ?? DEFAULT_IMAGE_LIMITS;
  const maxBytes = Math.min(options.policy.maxBytes, limits.maxBytes);
  const bytes = await readImageSource(arg, { ...options.policy, maxBytes }, options.held);
  return decodeImage(bytes, { ...limits, maxBytes });
}
