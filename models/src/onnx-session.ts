import { availableParallelism } from 'node:os';
import { MmskillsError } from '@mmskills/core/runtime';
import type { InferenceSession } from 'onnxruntime-node';
import { realModelPath } from './model-path.js';
import { type OnnxRewrite, type RewriteCacheOutcome, rewrittenModel } from './rewrite-cache.js';

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
   * Rewrites the model's bytes before onnxruntime sees them (a graph optimisation of our own), kept
   * on disk when it has a version. The session is cached per file and rewrite name, so the same
   * file loaded with and without it gets two.
   */
  rewrite?: OnnxRewrite;
  /** Dummy feeds for one run right after loading, so the first real request is not the slow one. */
  warmup?: (session: InferenceSession) => InferenceSession.FeedsType | Promise<InferenceSession.FeedsType>;
}

const sessions = new Map<string, { session: Promise<InferenceSession>; holds: number }>();
const rewriteCache = new WeakMap<InferenceSession, RewriteCacheOutcome>();

async function createSession(path: string, options: OnnxSessionOptions): Promise<InferenceSession> {
  let session: InferenceSession;
  try {
    const ort = await import('onnxruntime-node');
    const sessionOptions: InferenceSession.SessionOptions = {
      intraOpNumThreads: options.intraOpNumThreads ?? availableParallelism(),
      interOpNumThreads: options.interOpNumThreads ?? 1,
      graphOptimizationLevel: 'all',
      // onnxruntime's CPU arena keeps the largest activations of any run for the session's life:
      // OCR held ~410 MiB after 20 pages with it, ~300 without, in the same time (issue 21).
      enableCpuMemArena: false,
      ...(options.spinning === false && { extra: { session: { intra_op: { allow_spinning: '0' } } } }),
      ...(options.executionProviders === undefined ? {} : { executionProviders: options.executionProviders }),
    };
    if (options.rewrite) {
      const rewritten = await rewrittenModel(path, options.rewrite);
      session = await ort.InferenceSession.create(rewritten.model, sessionOptions);
      rewriteCache.set(session, rewritten.cache);
    } else {
      session = await ort.InferenceSession.create(path, sessionOptions);
    }
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
 * path and the rewrite's name); each call takes a hold on the session ({@link releaseOnnxSession}).
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
  if (cached !== undefined) {
    cached.holds += 1;
    return cached.session;
  }
  const entry = { session: createSession(real, options), holds: 1 };
  sessions.set(key, entry);
  entry.session.catch(() => {
    if (sessions.get(key) === entry) sessions.delete(key);
  });
  return entry.session;
}

/** What the rewrite's disk cache did when this session was opened; undefined without a rewrite. */
export function onnxRewriteCache(session: InferenceSession): RewriteCacheOutcome | undefined {
  return rewriteCache.get(session);
}

/**
 * Gives back one hold on each session (each {@link loadOnnxSession} call takes one); a session no
 * longer held is released and forgotten, so the next load opens the file again. A skill unloading
 * its models when idle calls this; a second holder of the same file in this process keeps its session.
 */
export async function releaseOnnxSession(...released: InferenceSession[]): Promise<void> {
  const free: InferenceSession[] = [];
  for (const [key, entry] of sessions) {
    const session = await entry.session.catch(() => undefined);
    if (!session || !released.includes(session) || sessions.get(key) !== entry) continue;
    entry.holds -= released.filter((one) => one === session).length;
    if (entry.holds <= 0) {
      sessions.delete(key);
      free.push(session);
    }
  }
  await Promise.all(free.map((session) => session.release()));
}

/** Releases every cached session (for shutdown); later loads open the files again. */
export async function releaseOnnxSessions(): Promise<void> {
  const pending = [...sessions.values()];
  sessions.clear();
  await Promise.all(
    pending.map(async (entry) => {
      try {
        await (await entry.session).release();
      } catch {
        // A session that failed to load has nothing to release.
      }
    }),
  );
}
