import { parseArgs } from 'node:util';
import type { SkillFlag, SkillFlagValues } from '@mmskills/skill-kit';
import type { OcrModelFiles } from './pipeline/model-files.js';

// Type-only imports above: the bin reads these flags before it imports the skill kit.

const OPTION_OF_FLAG = {
  'det-model': 'detModel',
  'rec-model': 'recModel',
  'cls-model': 'clsModel',
  dict: 'dict',
} as const;

/** The OCR skill's own flags, each also an environment variable. */
export const OCR_FLAGS: Record<keyof typeof OPTION_OF_FLAG, SkillFlag> = {
  'det-model': {
    type: 'string',
    env: 'MMSKILLS_OCR_DET_MODEL',
    description: 'text detection ONNX model (PaddleOCR DB)',
  },
  'rec-model': {
    type: 'string',
    env: 'MMSKILLS_OCR_REC_MODEL',
    description: 'text recognition ONNX model (PaddleOCR CTC)',
  },
  'cls-model': {
    type: 'string',
    env: 'MMSKILLS_OCR_CLS_MODEL',
    description: 'text direction classifier ONNX model (0°/180°)',
  },
  dict: {
    type: 'string',
    env: 'MMSKILLS_OCR_DICT',
    description: 'recognition dictionary, one character per line',
  },
};

/** The model files the flags' values name; a flag left out (or empty) keeps the packaged file. */
export function ocrModelFiles(flags: SkillFlagValues): OcrModelFiles {
  return Object.fromEntries(
    Object.entries(OPTION_OF_FLAG).flatMap(([flag, option]) => {
      const value = flags[flag];
      return typeof value === 'string' && value !== '' ? [[option, value]] : [];
    }),
  );
}

/**
 * The model files to load at once when the command line asks for `--preload` (or
 * `MMSKILLS_PRELOAD=1`) to serve: read before the skill kit is imported, so that the networks
 * load in the model thread while this thread imports the rest. Undefined otherwise (`--manifest`
 * and `--help` print and end; a malformed command line is the skill kit's to report).
 */
export function preloadAsked(argv: string[], env: NodeJS.ProcessEnv): OcrModelFiles | undefined {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        preload: { type: 'boolean', default: env.MMSKILLS_PRELOAD === '1' },
        manifest: { type: 'boolean' },
        'manifest-out': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(Object.keys(OCR_FLAGS).map((name) => [name, { type: 'string' as const }])),
      },
      strict: false,
    });
    if (!values.preload || values.manifest || values.help || values['manifest-out'] !== undefined)
      return undefined;
    const given = values as SkillFlagValues;
    return ocrModelFiles(
      Object.fromEntries(
        Object.entries(OCR_FLAGS).map(([name, flag]) => [
          name,
          given[name] ?? (flag.env ? env[flag.env] : undefined),
        ]),
      ),
    );
  } catch {
    return undefined;
  }
}
