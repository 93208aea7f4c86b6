import { DEFAULT_IMAGE_LIMITS, MmskillsError } from '@mmskills/core';
import { decodeImage } from '@mmskills/image';
import { Hono } from 'hono';
import type { HostEnv } from './env.js';
import { HostHttpError } from './errors.js';

/**
 * `POST /v1/images`: a picture sent once, as the body's bytes, kept by the host and named by a URI
 * (`mmskills://host/images/<id>`) that any tool through the gateway or the tools API takes as its
 * image. A client that cannot put megabytes into an argument (a command line: the MCP Inspector's
 * CLI) passes the URI instead; the host hands the skill the picture itself.
 */
export function imageRoutes() {
  const app = new Hono<HostEnv>();
  app.post('/v1/images', async (c) => {
    const bytes = Buffer.from(await c.req.arrayBuffer());
    let decoded: Awaited<ReturnType<typeof decodeImage>>;
    try {
      decoded = await decodeImage(bytes, DEFAULT_IMAGE_LIMITS);
    } catch (error) {
      const tooLarge = error instanceof MmskillsError && error.code === 'image_too_large';
      throw new HostHttpError(
        tooLarge ? 413 : 400,
        `the body must be one picture's bytes (PNG, JPEG, WebP, GIF…): ${(error as Error).message}`,
      );
    }
    const stored = c.var.host.pool.uploads.put(bytes, `image/${decoded.format}`);
    return c.json({ ...stored, width: decoded.width, height: decoded.height }, 201);
  });
  return app;
}
