// The OCR skill's model thread: holds the onnxruntime sessions and runs the networks on request.
// onnxruntime-node opens sessions and runs them synchronously; here that never holds the skill's
// event loop, so its MCP handshake, progress, pings and cancellations go on meanwhile, and a load
// started at spawn overlaps the skill's own start.
import { parentPort, workerData } from 'node:worker_threads';
import { isMmskillsError } from '@mmskills/core/runtime';
import { createOcrModels } from '../pipeline/ocr-models.js';
import { sessionEngine } from '../pipeline/session-engine.js';
import type {
  CrossedError,
  FromModelThread,
  ModelRequest,
  ModelThreadData,
  ToModelThread,
} from './messages.js';

const port = parentPort;
if (port === null) throw new Error('ocr-worker runs as a worker thread');
const models = createOcrModels((workerData as ModelThreadData).files);
const running = new Map<number, AbortController>();
const send = (message: FromModelThread) => port.postMessage(message);

function crossed(error: unknown): CrossedError {
  if (error instanceof Error && error.name === 'AbortError') return { message: error.message, aborted: true };
  if (isMmskillsError(error)) return { message: error.message, code: error.code };
  return { message: error instanceof Error ? error.message : String(error) };
}

async function answer(id: number, request: ModelRequest): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const engine = sessionEngine(await models.load());
    const { signal } = controller;
    const result =
      request.op === 'detect'
        ? await engine.detect(request.input)
        : request.op === 'recognize'
          ? await engine.recognize(request.lines, signal, (done, total) =>
              send({ type: 'progress', id, done, total }),
            )
          : await engine.upsideDown(request.lines, signal);
    send({ type: 'done', id, result, rewriteCaches: models.rewriteCaches() });
  } catch (error) {
    send({ type: 'failed', id, error: crossed(error) });
  } finally {
    running.delete(id);
  }
}

port.on('message', (message: ToModelThread) => {
  switch (message.type) {
    case 'load':
      models.load().then(
        () => send({ type: 'loaded', rewriteCaches: models.rewriteCaches() }),
        (error: unknown) => send({ type: 'load-failed', error: crossed(error) }),
      );
      return;
    case 'request': {
      const { type: _, id, ...request } = message;
      void answer(id, request);
      return;
    }
    case 'cancel':
      running.get(message.id)?.abort();
      return;
    case 'unload':
      void models.unload().finally(() => send({ type: 'unloaded' }));
  }
});
