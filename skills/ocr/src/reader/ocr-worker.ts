// An OCR model thread: holds onnxruntime sessions (every network, or a recognition lane's
// recogniser alone) and runs them on request.
// onnxruntime-node opens sessions and runs them synchronously; here that never holds the skill's
// event loop, so its MCP handshake, progress, pings and cancellations go on meanwhile, and a load
// started at spawn overlaps the skill's own start.
import { parentPort } from 'node:worker_threads';
import { isMmskillsError } from '@mmskills/core/runtime';
import { createOcrModels } from '../pipeline/ocr-models.js';
import { readLineBatch } from '../pipeline/recognize.js';
import { sessionEngine } from '../pipeline/session-engine.js';
import { lanePlan } from './lane-plan.js';
import type { CrossedError, FromModelThread, ModelParts, ModelRequest, ToModelThread } from './messages.js';

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

async function run(request: ModelRequest, signal: AbortSignal): Promise<unknown> {
  if (request.op === 'read-batch') {
    const { rec, charset } = await opened().loadRecogniser();
    signal.throwIfAborted();
    return readLineBatch(rec, request.lines, request.width, charset);
  }
  const engine = sessionEngine(await opened().load());
  return request.op === 'detect' ? engine.detect(request.input) : engine.upsideDown(request.lines, signal);
}

async function answer(id: number, request: ModelRequest): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const result = await run(request, controller.signal);
    send({ type: 'done', id, result, rewriteCaches: opened().rewriteCaches() });
  } catch (error) {
    send({ type: 'failed', id, error: crossed(error) });
  } finally {
    running.delete(id);
  }
}

let parts: ModelParts = 'all';

port.on('message', (message: ToModelThread) => {
  switch (message.type) {
    case 'open':
      parts = message.parts;
      // The first lane's recogniser has every core, as the other networks do: alone (a one-shot
      // call, a first page) it reads as fast as before there were lanes.
      models ??= createOcrModels(
        message.files,
        parts === 'recogniser' ? { recogniserThreads: lanePlan().helperThreads } : {},
      );
      return;
    case 'load':
      Promise.resolve()
        .then(() => (parts === 'all' ? opened().load() : opened().loadRecogniser()))
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
