/** Machine-readable causes of a {@link MmskillsError}; stable strings so callers can branch on them. */
export const MmskillsErrorCode = {
  InvalidArgument: 'invalid_argument',
  InvalidImage: 'invalid_image',
  ImageTooLarge: 'image_too_large',
  ImageSourceForbidden: 'image_source_forbidden',
  ImageNotFound: 'image_not_found',
  InvalidManifest: 'invalid_manifest',
  InvalidTurn: 'invalid_turn',
  ModelNotFound: 'model_not_found',
  ModelFailed: 'model_failed',
  Internal: 'internal',
} as const;
export type MmskillsErrorCode = (typeof MmskillsErrorCode)[keyof typeof MmskillsErrorCode];

/**
 * A fault with a code. Codes that describe the caller's input (everything except `model_failed`
 * and `internal`) are reported back to MCP clients as `isError` tool results.
 */
export class MmskillsError extends Error {
  readonly code: MmskillsErrorCode;

  constructor(code: MmskillsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MmskillsError';
    this.code = code;
  }
}

export function isMmskillsError(value: unknown, code?: MmskillsErrorCode): value is MmskillsError {
  return value instanceof MmskillsError && (code === undefined || value.code === code);
}
