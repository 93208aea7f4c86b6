import type { DetectorBoxes } from '../pipeline/detect.js';
import type { OcrEngine } from '../pipeline/engine.js';
import { type OcrModelFiles, ocrModelStatus } from '../pipeline/model-files.js';
import { type RecognitionLane, readOnLanes } from '../pipeline/read-on-lanes.js';
import type { BatchLine } from '../pipeline/recognize.js';
import { lanePlan } from './lane-plan.js';
import { ModelThread } from './model-thread.js';

/**
 * How long the skill is idle, after its models load or a page is read, before it opens the other
 * lanes. Opening one takes a core for ~0.4 s: never during a call, whose own work it would slow, and
 * never in a one-shot call (`mmskills call`), which has printed its answer and ended by then.
 */
const OPEN_LANES_WHEN_IDLE_MS = 1500;

/** A model thread as a lane: ready once its networks are open (it is asked to open them now). */
export function threadLane(thread: ModelThread): RecognitionLane {
  const ready = thread.load();
  // A lane that fails to open is skipped by the page that finds it so ({@link readOnLanes}).
  ready.catch(() => undefined);
  return {
    ready,
    read: (lines, width, signal) => thread.request<BatchLine[]>({ op: 'read-batch', lines, width }, signal),
  };
}

/**
 * The OCR skill's models, in threads of their own ({@link ModelThread}). The first holds every
 * network, started on first use (or handed in already started, as the bin does). The others each
 * hold a recogniser ({@link lanePlan}), so that a page's lines are read on every core; they open
 * once the skill is idle ({@link OPEN_LANES_WHEN_IDLE_MS}) with its networks loaded, and a page uses
 * those that have opened or are opening. `unload` ends them all; `engine` is what `readPage` runs
 * them through, inside {@link reading}.
 */
export function createOcrReader(files: OcrModelFiles, started?: ModelThread) {
  const { lanes } = lanePlan();
  let thread = started;
  let helpers: ModelThread[] = [];
  // Helpers whose opening failed: a page leaves them out; the next idle time asks them again.
  const failed = new WeakSet<ModelThread>();
  let active = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  const current = (): ModelThread => {
    if (thread === undefined || thread.exited) thread = new ModelThread();
    return thread.open(files);
  };
  const helperLanes = (): RecognitionLane[] =>
    helpers.filter((helper) => !helper.exited && !failed.has(helper)).map(threadLane);
  /** Starts the helper lanes that are missing (never started, or died) and has them all open. */
  const openHelpers = () => {
    helpers = helpers.filter((helper) => !helper.exited);
    while (helpers.length < lanes - 1) helpers.push(new ModelThread('recogniser').open(files));
    for (const helper of helpers) {
      failed.delete(helper);
      helper.load().catch(() => failed.add(helper));
    }
  };
  const openHelpersWhenIdle = () => {
    if (lanes < 2) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (active > 0 || thread?.loaded !== true || thread.exited) return;
      try {
        openHelpers();
      } catch {
        // A thread that cannot start (threads or memory exhausted): pages go on with the first lane.
      }
    }, OPEN_LANES_WHEN_IDLE_MS).unref();
  };
  /** Runs `work` as busy: the other lanes open only once nothing has run for a while. */
  const reading = async <T>(work: () => Promise<T>): Promise<T> => {
    active++;
    clearTimeout(idleTimer);
    try {
      return await work();
    } finally {
      if (--active === 0) openHelpersWhenIdle();
    }
  };

  const engine: OcrEngine = {
    detect: (input) => reading(() => current().request<DetectorBoxes>({ op: 'detect', input })),
    recognize: async (lines, signal, onBatch) =>
      lines.length === 0
        ? []
        : reading(() => readOnLanes([threadLane(current()), ...helperLanes()], lines, signal, onBatch)),
    upsideDown: async (lines, signal) =>
      lines.length === 0
        ? []
        : reading(() => current().request<boolean[]>({ op: 'classify', lines: [...lines] }, signal)),
  };

  return {
    engine,
    /** Runs a whole call's work (decoding, cropping, the networks) as one busy stretch. */
    reading,
    /** Opens the networks a page needs, in the first model thread (which starts if it has not). */
    async load(): Promise<void> {
      await current().load();
      if (active === 0) openHelpersWhenIdle();
    },
    /** Closes the sessions and ends the threads; the next call starts them again. */
    async unload(): Promise<void> {
      clearTimeout(idleTimer);
      const stopping = [thread, ...helpers];
      thread = undefined;
      helpers = [];
      await Promise.all(stopping.map((stopped) => stopped?.close()));
    },
    status: () =>
      thread?.exited === false
        ? ocrModelStatus(files, thread.loaded, thread.rewriteCaches)
        : ocrModelStatus(files, false, {}),
  };
}

/** The model holder {@link createOcrReader} returns. */
export type OcrReader = ReturnType<typeof createOcrReader>;
