import { availableParallelism } from 'node:os';

/** How a page's recogniser batches are spread over threads ({@link lanePlan}). */
export interface LanePlan {
  /** Model threads reading batches at once: the one that also detects, and recogniser-only ones. */
  lanes: number;
  /** onnxruntime threads inside each recogniser-only lane's session. */
  helperThreads: number;
}

/**
 * Two lanes where there are two cores or more. The first lane's recogniser keeps every core, so a
 * page read on it alone (a one-shot call, before the others open) is as fast as before; each other
 * lane gets its share of the cores. On this project's 2-core machine the recogniser on 2 intra-op
 * threads read a 1,360-column line in ~29 ms for ~55 ms of CPU, on 1 thread in ~43 ms: its threads
 * wait on each other at every one of its ~300 operators, so a second lane reads more for the same
 * cores. Alternated on the benchmark's page kinds, a 2-thread first lane beside a 1-thread second one
 * read pages in 0.68–0.83 of the one-lane time, two 1-thread lanes in 0.68–0.86. A lane holds another
 * copy of the recogniser (34–92 MiB more RSS in the serve benchmark), so there are no more than two.
 * Only 2 cores were measured: on more, the two lanes' threads add up to 1.5 per core.
 */
export function lanePlan(cores: number = availableParallelism()): LanePlan {
  const lanes = Math.max(1, Math.min(2, cores));
  return { lanes, helperThreads: Math.max(1, Math.floor(cores / lanes)) };
}
