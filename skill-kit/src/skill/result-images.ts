import sharp from 'sharp';
import { z } from 'zod';
import type { ToolImage } from './define-tool.js';
import type { ImageStore } from './image-store.js';

/**
 * How large a picture a result carries inline: its longest side and its bytes. A larger picture is
 * sent scaled down to fit, and its full size stays one `resources/read` away (see resultImages).
 */
export const ImageBudgetSchema = z.object({
  maxSide: z.number().int().min(64).default(2048),
  maxBytes: z
    .number()
    .int()
    .min(16 * 1024)
    .default(4 * 1024 * 1024),
});
export type ImageBudget = z.infer<typeof ImageBudgetSchema>;

/** The budget `MMSKILLS_RESULT_IMAGE_MAX_SIDE` (pixels) and `MMSKILLS_RESULT_IMAGE_MAX_BYTES` set. */
export function imageBudgetFromEnv(env: NodeJS.ProcessEnv = process.env): ImageBudget {
  const number = (value: string | undefined) =>
    value === undefined || value === '' ? undefined : Number(value);
  const parsed = ImageBudgetSchema.safeParse({
    maxSide: number(env.MMSKILLS_RESULT_IMAGE_MAX_SIDE),
    maxBytes: number(env.MMSKILLS_RESULT_IMAGE_MAX_BYTES),
  });
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new Error(
      `MMSKILLS_RESULT_IMAGE_MAX_${issue?.path[0] === 'maxSide' ? 'SIDE' : 'BYTES'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

type ImageBlock = { type: 'image'; data: string; mimeType: string };
type LinkBlock = {
  type: 'resource_link';
  uri: string;
  name: string;
  mimeType: string;
  size: number;
  description: string;
};

/**
 * The content blocks for a result's pictures: each inline within `budget`, and, when `store` is
 * given (a client of 2025-06-18 or later, which knows `resource_link`), a link to the picture at
 * full size, which the client may read or pass to the next call by its URI.
 */
export async function resultImages(
  images: readonly ToolImage[],
  budget: ImageBudget,
  store?: ImageStore,
): Promise<Array<ImageBlock | LinkBlock>> {
  const blocks: Array<ImageBlock | LinkBlock> = [];
  for (const image of images) {
    const fitted = await fitImage(image, budget);
    blocks.push({ type: 'image', data: fitted.data.toString('base64'), mimeType: fitted.mimeType });
    if (!store) continue;
    const stored = store.put(image.data, image.mimeType);
    const shown = fitted.data === image.data ? 'the picture above' : `the picture above, scaled down to fit`;
    const { width, height } = fitted.source;
    blocks.push({
      type: 'resource_link',
      ...stored,
      description: `${shown}, at full size: ${width > 0 ? `${width}×${height}, ` : ''}${stored.size} bytes`,
    });
  }
  return blocks;
}

/** Picture bytes and their media type. */
type Picture = { data: Buffer; mimeType: string };

/** A picture fitted to a budget, with its size as sent and as it came (0×0 when sharp cannot read it). */
export interface FittedImage extends Picture {
  width: number;
  height: number;
  source: { width: number; height: number };
}

/**
 * `image` fitted to `budget` (see fitToBudget). Bytes sharp cannot read (a tool's own format) are
 * returned as they are: there is nothing to scale. The host fits the pictures it shows its model
 * the same way.
 */
export async function fitImage(image: Picture, budget: ImageBudget): Promise<FittedImage> {
  const {
    width = 0,
    height = 0,
    hasAlpha = false,
  } = await sharp(image.data)
    .metadata()
    .catch(() => ({ width: 0, height: 0, hasAlpha: false }));
  const source = { width, height };
  if (width === 0) return { ...image, width, height, source };
  const fitted = await fitToBudget(image, { width, height, hasAlpha }, budget);
  if (fitted === image) return { ...image, width, height, source };
  const size = await sharp(fitted.data).metadata();
  return { ...fitted, width: size.width ?? 0, height: size.height ?? 0, source };
}

/**
 * `image` scaled (never up) so its longest side fits, then, while its bytes do not, re-encoded
 * with loss (WebP keeps an alpha channel; JPEG otherwise) at falling quality, and halved again
 * as a last resort. A picture within the budget is returned as it is.
 */
async function fitToBudget(
  image: Picture,
  { width, height, hasAlpha }: { width: number; height: number; hasAlpha: boolean },
  budget: ImageBudget,
): Promise<Picture> {
  const longest = Math.max(width, height);
  if (longest <= budget.maxSide && image.data.length <= budget.maxBytes) return image;
  let side = Math.min(budget.maxSide, longest);
  let fitted: Picture = image;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const quality = [90, 75, 60, 45][attempt % 4] as number;
    // Read in one pass, top to bottom: a 40 MP result is scaled without decoding it whole first.
    const resized = sharp(image.data, { sequentialRead: true }).resize(side, side, {
      fit: 'inside',
      withoutEnlargement: true,
    });
    // A PNG only too wide may fit as a PNG still; one too heavy is not made lighter that way.
    const lossless = image.mimeType === 'image/png' && attempt === 0 && image.data.length <= budget.maxBytes;
    fitted = lossless
      ? { data: await resized.png().toBuffer(), mimeType: 'image/png' }
      : hasAlpha || image.mimeType === 'image/webp'
        ? { data: await resized.webp({ quality }).toBuffer(), mimeType: 'image/webp' }
        : { data: await resized.jpeg({ quality }).toBuffer(), mimeType: 'image/jpeg' };
    if (fitted.data.length <= budget.maxBytes) return fitted;
    if (attempt % 4 === 3) side = Math.max(1, Math.floor(side / 2));
  }
  return fitted;
}
