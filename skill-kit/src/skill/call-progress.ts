import type { Logger } from '@mmskills/core';

/** How often a call that asked for progress hears that it is still running. */
const HEARTBEAT_MS = 1000;

type Notify = (params: { progress: number; message: string }) => Promise<void>;

/** The progress of one tool call, as {@link callProgress} sends it. */
export interface CallProgress {
  /** The call has its slot and the tool starts: sent at once, as `running <tool>`. */
  started(): void;
  /** What the tool is doing now; the next heartbeat says so. */
  stage(what: string): void;
  /** Sends no more; resolves once what was sent is handed to the transport, so nothing follows the result. */
  stop(): Promise<void>;
}

const SILENT: CallProgress = { started() {}, stage() {}, stop: async () => {} };

/**
 * Progress notifications for one call, on one scale: seconds since the request arrived (tenths).
 * MCP wants each value above the last, and a tool's own counts restart with each stage (lines, then
 * upside-down lines), so the numbers are time and what is being done goes in the message. From the
 * first second on, a heartbeat goes out about once a second (`running crop, 3 s`, or the tool's
 * stage: `read_text: reading line 4 of 9, 3 s`; `waiting to run crop, 2 s` while queued), so a client
 * that resets its timeout on progress keeps waiting for a slow first call (a model loading) and
 * a person sees what it is doing. Nothing is sent without a progressToken, after the call ends, or
 * after it is cancelled.
 */
export function callProgress(
  tool: string,
  notify: Notify | undefined,
  signal: AbortSignal,
  log: Logger,
): CallProgress {
  if (notify === undefined) return SILENT;
  const begun = performance.now();
  let reported = Number.NEGATIVE_INFINITY;
  let running = false;
  let stage: string | undefined;
  let stopped = false;
  let delivered: Promise<unknown> = Promise.resolve();

  const send = (message: (seconds: number) => string) => {
    const elapsed = (performance.now() - begun) / 1000;
    const progress = Math.round(elapsed * 10) / 10;
    if (stopped || progress <= reported) return;
    reported = progress;
    const delivery = notify({ progress, message: message(Math.round(elapsed)) }).catch((error: unknown) => {
      // The client may have gone; the call's own answer will meet the same fate and say so.
      log.debug('progress not sent', { tool, error: error instanceof Error ? error.message : String(error) });
    });
    delivered = Promise.all([delivered, delivery]);
  };
  const heartbeat = setInterval(
    () =>
      send((seconds) => {
        if (!running) return `waiting to run ${tool}, ${seconds} s`;
        return `${stage === undefined ? `running ${tool}` : `${tool}: ${stage}`}, ${seconds} s`;
      }),
    HEARTBEAT_MS,
  );
  // A call still running must not keep a closing process alive; its transport decides that.
  heartbeat.unref();
  const halt = () => {
    stopped = true;
    clearInterval(heartbeat);
  };
  signal.addEventListener('abort', halt, { once: true });

  return {
    started() {
      running = true;
      send(() => `running ${tool}`);
    },
    stage(what) {
      stage = what;
    },
    async stop() {
      halt();
      signal.removeEventListener('abort', halt);
      await delivered;
    },
  };
}
