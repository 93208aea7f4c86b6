import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { InferenceSession } from 'onnxruntime-node';
import { MmskillsError } from '../errors.js';
import { realModelPath } from './model-path.js';

/** How to open an ONNX model; only the first load of a file decides, later loads share its session. */
export interface OnnxSessionOptions {
  /** Threads inside one operator; defaults to `os.availableParallelism()`. */
  intraOpNumThreads?: number;
  /** Threads across operators; defaults to 1. */
  interOpNumThreads?: number;
  /**
   * Whether idle intra-op threads busy-wait for the next operator (onnxruntime's default). `false`
   * lets them sleep: on a shared or oversubscribed CPU the spinning only burns time others need.
   */
  spinning?: boolean;
  /** Defaults to onnxruntime's choice (CPU). */
  executionProviders?: InferenceSession.SessionOptions['executionProviders'];
  /**
   * Rewrites the model's bytes before onnxruntime sees them (a graph optimisation of our own). The
   * session is cached per file and rewrite name, so the same file loaded with and without it gets two.
   */
  rewrite?: { name: string; apply: (model: Uint8Array) => Uint8Array };
  /** Dummy feeds for one run right after loading, so the first real request is not the slow one. */
  warmup?: (session: InferenceSession) => InferenceSession.FeedsType | Promise<InferenceSession.FeedsType>;
}

const sessions = new Map<string, Promise<InferenceSession>>();

async function createSession(path: string, options: OnnxSessionOptions): Promise<InferenceSession> {
  let session: InferenceSession;
  try {
    const ort = await import('onnxruntime-node');
    const sessionOptions: InferenceSession.SessionOptions = {
      intraOpNumThreads: options.intraOpNumThreads ?? availableParallelism(),
      interOpNumThreads: options.interOpNumThreads ?? 1,
      graphOptimizationLevel: 'all',
      ...(options.spinning === false && { extra: { session: { intra_op: { allow_spinning: '0' } } } }),
      ...(options.executionProviders === undefined ? {} : { executionProviders: options.executionProviders }),
    };
    session = options.rewrite
      ? await ort.InferenceSession.create(options.rewrite.apply(await readFile(path)), sessionOptions)
      : await ort.InferenceSession.create(path, sessionOptions);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MmskillsError('model_failed', `could not load ONNX model "${path}": ${reason}`, {
      cause: error,
    });
  }
  if (options.warmup !== undefined) {
    try {
      await session.run(await options.warmup(session));
    } catch (error) {
      await session.release().catch(() => undefined);
      const reason = error instanceof Error ? error.message : String(error);
      throw new MmskillsError('model_failed', `warm-up run of ONNX model "${path}" failed: ${reason}`, {
        cause: error,
      });
    }
  }
  return session;
}

/**
 * Opens an ONNX model with onnxruntime-node, once per file and rewrite per process (keyed by real
 * path and the rewrite's name).
 * A failed load is forgotten, so a later call tries again.
 * @throws MmskillsError `model_not_found` when the file is missing, `model_failed` when it will not load.
 */
export async function loadOnnxSession(
  path: string,
  options: OnnxSessionOptions = {},
): Promise<InferenceSession> {
  const real = await realModelPath(path, 'ONNX model file');
  const key = options.rewrite ? `${real}#${options.rewrite.name}` : real;
  const cached = sessions.get(key);
  if (cached !== undefined) return cached;
  const pending = createSession(real, options);
  sessions.set(key, pending);
  pending.catch(() => {
    if (sessions.get(key) === pending) sessions.delete(key);
  });
  return pending;
}

/** Releases every cached session (for shutdown); later loads open the files again. */
export async function releaseOnnxSessions(): Promise<void> {
  const pending = [...sessions.values()];
  sessions.clear();
  await Promise.all(
    pending.map(async (session) => {
      try {
        await (await session).release();
      } catch {
        // A session that failed to load has nothing to release.
      }
    }),
  );
}
