import { z } from 'zod';

/** The picture argument both tools take. */
export const ImageArgSchema = z
  .string()
  .min(1, 'image is empty; pass a data: URI, a file path or an http(s) URL')
  .describe(
    'The image: a data: URI, a file path or file:// URI inside the allowed roots, or an http(s) URL where the server allows URLs',
  );

/** How long one generation may run; Florence-2 ends its answers itself well before the default. */
export const MaxTokensSchema = z
  .number()
  .int()
  .min(1)
  .max(1024)
  .default(256)
  .describe('Stop the model after this many tokens (1..1024, default 256); the answer says when it was cut');
