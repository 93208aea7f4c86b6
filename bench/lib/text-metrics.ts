import { characterErrors } from '@mmskills/core/testing';

/** Character errors with all whitespace removed: character recognition alone, word spacing not counted. */
export function characterErrorsIgnoringSpaces(reference: string, hypothesis: string) {
  return characterErrors(reference.replace(/\s+/g, ''), hypothesis.replace(/\s+/g, ''));
}
