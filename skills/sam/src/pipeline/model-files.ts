import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The two ONNX sessions of a SAM-family repo, as transformers.js names their files under `onnx/`. */
export const SAM_SESSIONS = ['vision_encoder', 'prompt_encoder_mask_decoder'] as const;
export type SamSession = (typeof SAM_SESSIONS)[number];

// transformers.js picks a file by dtype suffix; full precision first, as it is the reference the
// quantised exports are measured against, then the smaller exports a user may have pulled instead.
const BY_PREFERENCE = [
  { dtype: 'fp32', suffix: '' },
  { dtype: 'q8', suffix: '_quantized' },
  { dtype: 'fp16', suffix: '_fp16' },
  { dtype: 'int8', suffix: '_int8' },
  { dtype: 'uint8', suffix: '_uint8' },
  { dtype: 'q4', suffix: '_q4' },
  { dtype: 'q4f16', suffix: '_q4f16' },
] as const;

export type SamDtype = (typeof BY_PREFERENCE)[number]['dtype'];
export type SamDtypes = Record<SamSession, SamDtype>;

/**
 * The dtype of each session whose file is in `<dir>/onnx/`, so a folder holding only the
 * quantised export (or only fp32) loads without the user naming a dtype.
 * @returns the dtypes, or the sessions with no ONNX file at all
 */
export function sessionDtypes(dir: string): { dtypes: SamDtypes } | { missing: SamSession[] } {
  const found = SAM_SESSIONS.map(
    (session) =>
      [
        session,
        BY_PREFERENCE.find(({ suffix }) => existsSync(join(dir, 'onnx', `${session}${suffix}.onnx`))),
      ] as const,
  );
  const missing = found.filter(([, choice]) => choice === undefined).map(([session]) => session);
  if (missing.length > 0) return { missing };
  return {
    dtypes: Object.fromEntries(
      found.map(([session, choice]) => [session, choice?.dtype ?? 'fp32']),
    ) as SamDtypes,
  };
}
