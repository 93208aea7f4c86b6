import { MmskillsError } from '@mmskills/core/runtime';
import {
  loadOnnxSession,
  onnxRewriteCache,
  type RewriteCacheOutcome,
  releaseOnnxSession,
} from '@mmskills/models';
import { ModelSlot } from '@mmskills/skill-kit/model-slot';
import { type InferenceSession, Tensor } from 'onnxruntime-node';
import { CTC_STEP_OUTPUTS } from '../graph/ctc-step-outputs.js';
import { type Charset, readCharset } from './dictionary.js';
import { type OcrRewrites, ocrRewrites } from './graph-rewrites.js';
import { type OcrModelFiles, type OcrPart, resolvePart } from './model-files.js';

/** The networks and the recogniser's charset, loaded. */
export interface OcrModels {
  det: InferenceSession;
  rec: InferenceSession;
  /** The direction classifier, opened on first use: most pages have no unsure line to ask about. */
  cls: () => Promise<InferenceSession>;
  charset: Charset;
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

/** How the sessions are opened. */
export interface OcrModelOptions {
  /** onnxruntime threads for the recogniser; defaults to every core, as for the other networks. */
  recogniserThreads?: number;
}

/** The recogniser alone, with its charset: all that a recognition lane holds. */
export type OcrRecogniser = Pick<OcrModels, 'rec' | 'charset'>;

/**
 * The OCR models of one skill instance, each opened once, on first use: detector and recogniser
 * (with the dictionary) before the first page, the direction classifier only when a page has an
 * unsure line to ask it about; our rewritten graphs come from the model cache. A recognition lane
 * opens the recogniser alone ({@link loadRecogniser}).
 */
export function createOcrModels(files: OcrModelFiles, options: OcrModelOptions = {}) {
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

  const detector = new ModelSlot(
    () =>
      loadOnnxSession(resolvePart(files, 'det').path, {
        warmup: warmup([1, 3, 64, 64]),
        spinning: false,
        rewrite: rewrite().lcnet,
      }),
    (session) => releaseOnnxSession(session),
  );

  const recogniser = new ModelSlot(
    async (): Promise<OcrRecogniser> => {
      const rec = resolvePart(files, 'rec');
      const dict = resolvePart(files, 'dict');
      const charset = readCharset(dict.path);
      // Read while the session opens; its failure is reported where it is awaited, not as unhandled.
      charset.catch(() => undefined);
      const session = await loadOnnxSession(rec.path, {
        spinning: false,
        rewrite: rewrite().recogniser,
        ...(options.recogniserThreads !== undefined && { intraOpNumThreads: options.recogniserThreads }),
      });
      try {
        await checkCharset(session, await charset, dict.path);
        return { rec: session, charset: await charset };
      } catch (error) {
        // A recogniser that does not fit its dictionary is not kept: the next call opens it again.
        await releaseOnnxSession(session);
        throw error;
      }
    },
    (opened) => releaseOnnxSession(opened.rec),
  );

  return {
    /**
     * Detector and recogniser. Both start at once, so the recogniser's file is read while the
     * detector's session opens (the smaller file is read first, and onnxruntime opens one session at
     * a time on a thread); a part that failed opens again on the next call, the other is kept.
     */
    async load(): Promise<OcrModels> {
      const [det, rec] = await Promise.all([detector.get(), recogniser.get()]);
      return { det, ...rec, cls: () => classifier.get() };
    },

    loadRecogniser: (): Promise<OcrRecogniser> => recogniser.get(),

    /** Releases the sessions (the next call opens them again), once a load under way has settled. */
    async unload(): Promise<void> {
      await Promise.all([detector.unload(), recogniser.unload(), classifier.unload()]);
    },

    /** Whether each open network's rewritten graph came from the model cache at this start. */
    rewriteCaches(): Partial<Record<OcrPart, RewriteCacheOutcome>> {
      const sessions = { det: detector.current, rec: recogniser.current?.rec, cls: classifier.current };
      return Object.fromEntries(
        Object.entries(sessions).flatMap(([part, session]) => {
          const cache = session && onnxRewriteCache(session);
          return cache === undefined ? [] : [[part, cache]];
        }),
      );
    },
  };
}
