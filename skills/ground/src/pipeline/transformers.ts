import { availableParallelism } from 'node:os';

type Transformers = typeof import('@huggingface/transformers');

let configured: Promise<Transformers> | undefined;

/**
 * transformers.js, imported on first use (so a skill with no model starts fast) and set to read
 * local folders only: it never reaches the hub, writes no cache of its own, and logs errors alone,
 * because its info lines go to stdout, which belongs to the stdio transport.
 */
export function transformers(): Promise<Transformers> {
  configured ??= import('@huggingface/transformers').then((library) => {
    library.env.allowRemoteModels = false;
    library.env.allowLocalModels = true;
    library.env.useFSCache = false;
    library.env.logLevel = library.LogLevel.ERROR;
    return library;
  });
  return configured;
}

/** How onnxruntime runs the model: every core inside one operator, one operator at a time (as core's loadOnnxSession). */
export function sessionOptions() {
  return { intraOpNumThreads: availableParallelism(), interOpNumThreads: 1 };
}
