import type { DetectorBoxes } from '../pipeline/detect.js';
import type { OcrEngine } from '../pipeline/engine.js';
import { type OcrModelFiles, ocrModelStatus } from '../pipeline/model-files.js';
import { lanePlan } from './lane-plan.js';
import { ModelThread } from './model-thread.js';
import { type RecognitionLane, readOnLanes, threadLane } from './read-on-lanes.js';

/**
 * How long the skill is idle, after its models load or a page is read, before it opens the other
 * lanes. Opening one takes a core for ~0.3 s: never during a page, whose own work it would slow, and
 * never in a one-shot call (`mmskills call`), which has printed its answer and ended by then.
 */
const OPEN_LANES_WHEN_IDLE_MS = 1500;

/**
 * The OCR skill's models, in threads of their own ({@link ModelThread}). The first holds every
 * network, started on first use (or handed in already started, as the bin does). The others each
 * hold a recogniser ({@link lanePlan}), so that a page's lines are read on every core; they open
 * once the skill is idle ({@link OPEN_LANES_WHEN_IDLE_MS}). `unload` ends them all; `engine` is what
 * `readPage` runs them through.
 */
export function createOcrReader(files: OcrModelFiles, started?: ModelThread) {
  const { lanes } = lanePlan();
  let thread = started;
  let helpers: ModelThread[] = [];
  let active = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  const current = (): ModelThread => {
    if (thread === undefined || thread.exited) thread = new ModelThread();
    return thread.open(files);
  };
  /** The helper lanes that are running; one whose opening failed is asked to open again. */
  const helperLanes = (): RecognitionLane[] =>
    helpers.filter((helper) => !helper.exited).map((helper) => threadLane(helper));
  /** Starts the helper lanes that are missing (never started, or died) and has them all open. */
  const openHelpers = () => {
    helpers = helpers.filter((helper) => !helper.exited);
    while (helpers.length < lanes - 1) helpers.push(new ModelThread('recogniser').open(files));
    helperLanes();
  };
  const openHelpersWhenIdle = () => {
    if (lanes < 2) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (active === 0 && thread?.exited === false) openHelpers();
    }, OPEN_LANES_WHEN_IDLE_MS).unref();
  };
  /** Runs one network's part of a page; the lanes open only once no page has been read for a while. */
  const using = async <T>(work: () => Promise<T>): Promise<T> => {
    active++;
    clearTimeout(idleTimer);
    try {
      return await work();
    } finally {
      if (--active === 0) openHelpersWhenIdle();
    }
  };

  const engine: OcrEngine = {
    detect: (input) => using(() => current().request<DetectorBoxes>({ op: 'detect', input })),
    recognize: async (lines, signal, onBatch) =>
      lines.length === 0
        ? []
        : using(() => readOnLanes([threadLane(current()), ...helperLanes()], lines, signal, onBatch)),
    upsideDown: async (lines, signal) =>
      lines.length === 0
        ? []
        : using(() => current().request<boolean[]>({ op: 'classify', lines: [...lines] }, signal)),
  };

  return {
    engine,
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
