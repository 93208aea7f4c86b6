import { z } from 'zod';

/**
 * The longest icon `src` accepted: a small drawing as a data: URI. Every 2026-era result repeats the
 * server's icons in its `_meta` serverInfo, and tool lists are read often, so anything bigger belongs
 * behind an https URL.
 */
export const MAX_ICON_SRC_LENGTH = 16 * 1024;
/** Icons per skill or tool: a few sizes or themes of one picture, not a gallery. */
const MAX_ICONS = 8;

const ICON_MIME_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml', 'image/webp'] as const;
const DATA_URI = /^data:(image\/(?:png|jpeg|svg\+xml|webp));base64,[A-Za-z0-9+/]*={0,2}$/;

function isHttpsUrl(src: string): boolean {
  try {
    return new URL(src).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * An icon as MCP carries it on a server's `Implementation` and on each `Tool` (2025-11-25 on): an
 * https URL, or a base64 `data:` URI that a client shows without reaching any server of ours. The
 * official `server.json` allows https only (`IconSchema` in server-json.ts), so skills' data: icons
 * travel in `serverInfo` and the tool list, never in `server.json`.
 */
export const McpIconSchema = z
  .object({
    src: z
      .string()
      .max(
        MAX_ICON_SRC_LENGTH,
        `must be at most ${MAX_ICON_SRC_LENGTH} characters; host bigger icons at https`,
      )
      .refine(
        (src) => DATA_URI.test(src) || isHttpsUrl(src),
        'must be an https URL or a base64 data:image/(png|jpeg|svg+xml|webp) URI',
      ),
    mimeType: z.enum(ICON_MIME_TYPES).optional(),
    sizes: z.array(z.string().regex(/^(\d+x\d+|any)$/, 'must be "WxH" or "any"')).optional(),
    theme: z.enum(['light', 'dark']).optional(),
  })
  .refine(
    (icon) =>
      icon.mimeType === undefined ||
      !icon.src.startsWith('data:') ||
      DATA_URI.exec(icon.src)?.[1] === icon.mimeType,
    { message: 'mimeType must match the type of the data: URI', path: ['mimeType'] },
  );
export type McpIcon = z.infer<typeof McpIconSchema>;

export const McpIconsSchema = z.array(McpIconSchema).max(MAX_ICONS);
