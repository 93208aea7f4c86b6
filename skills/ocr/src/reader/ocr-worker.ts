// The OCR skill's model thread: holds the onnxruntime sessions and runs the networks on request.
// onnxruntime-node opens sessions and runs them synchronously; here that never holds the skill's
// event loop, so its MCP handshake, progress, pings and cancellations go on meanwhile, and a load
// started at spawn overlaps the skill's own start.
import { parentPort } from 'node:worker_threads';
import { isMmskillsError } from '@mmskills/core/runtime';
import { createOcrModels } from '../pipeline/ocr-models.js';
import { sessionEngine } from '../pipeline/session-engine.js';
import type { CrossedError, FromModelThread, ModelRequest, ToModelThread } from './messages.js';

const port = parentPort;
if (port === null) throw new Error('ocr-worker runs as a worker thread');
// Set by the first message: the thread may start (and import all of the above) before the skill
// knows which model files its flags name.
let models: ReturnType<typeof createOcrModels> | undefined;
const opened = () => {
  if (models === undefined)
    throw new Error('the OCR model thread was asked to run before it was told its files');
  return models;
};
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
    const engine = sessionEngine(await opened().load());
    const { signal } = controller;
    const result =
      request.op === 'detect'
        ? await engine.detect(request.input)
        : request.op === 'recognize'
          ? await engine.recognize(request.lines, signal, (done, total) =>
              send({ type: 'progress', id, done, total }),
            )
          : await engine.upsideDown(request.lines, signal);
    send({ type: 'done', id, result, rewriteCaches: opened().rewriteCaches() });
  } catch (error) {
    send({ type: 'failed', id, error: crossed(error) });
  } finally {
    running.delete(id);
  }
}

port.on('message', (message: ToModelThread) => {
  switch (message.type) {
    case 'open':
      models ??= createOcrModels(message.files);
      return;
    case 'load':
      Promise.resolve()
        .then(() => opened().load())
        .then(
          () => send({ type: 'loaded', rewriteCaches: opened().rewriteCaches() }),
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
      void (models?.unload() ?? Promise.resolve()).finally(() => send({ type: 'unloaded' }));
  }
});
