/**
 * The outputs `addCtcSteps` (ctc-steps.ts) gives a recogniser, each `[N, T]` except
 * `shape`. A file of its own so that reading them does not load the graph code and protobuf, which
 * a start with the rewritten model in the cache never needs.
 */
export const CTC_STEP_OUTPUTS = {
  /** The most likely class at each step (int64). */
  best: 'ctc_best',
  /** Its probability. */
  top: 'ctc_top',
  /** The probability of the CTC blank (class 0). */
  blank: 'ctc_blank',
  /** The probability of the space (the last class, PaddleOCR's `use_space_char`). */
  space: 'ctc_space',
  /** The second most likely class at each step (int64): what the model nearly read. */
  second: 'ctc_second',
  /** Its probability. */
  secondTop: 'ctc_second_top',
  /** The shape of the full output `[N, T, classes]` (int64), to check the dictionary against. */
  shape: 'ctc_shape',
} as const;
