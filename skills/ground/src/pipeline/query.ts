import { MmskillsError } from '@mmskills/core';

/** At most this many phrases per call: each is one text query the model scores every region against. */
export const MAX_PHRASES = 16;
/** Longer phrases are cut by the tokenizer anyway (OWL reads 16 tokens), so refuse them clearly. */
export const MAX_PHRASE_CHARS = 80;

/**
 * The phrases of a query, as Grounding DINO's prompt writes them ("a red mug. a cat.") or as a
 * list: split on '.', ',' ';' and new lines, spaces squeezed, duplicates (ignoring case) dropped,
 * in the order given.
 * @throws MmskillsError `invalid_argument` when nothing is left, or there are too many or too long.
 */
export function parsePhrases(query: string | readonly string[]): string[] {
  const parts = (typeof query === 'string' ? [query] : query).flatMap((text) => text.split(/[.,;\n]/));
  const phrases: string[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    const phrase = part.replace(/\s+/g, ' ').trim();
    const key = phrase.toLowerCase();
    if (phrase === '' || seen.has(key)) continue;
    if (phrase.length > MAX_PHRASE_CHARS) {
      throw new MmskillsError(
        'invalid_argument',
        `the phrase "${phrase.slice(0, 40)}…" is ${phrase.length} characters; keep each phrase to ${MAX_PHRASE_CHARS} (a few words naming the object)`,
      );
    }
    seen.add(key);
    phrases.push(phrase);
  }
  if (phrases.length === 0) {
    throw new MmskillsError(
      'invalid_argument',
      'query names nothing to find: give a phrase such as "red mug"',
    );
  }
  if (phrases.length > MAX_PHRASES) {
    throw new MmskillsError(
      'invalid_argument',
      `query has ${phrases.length} phrases; ask for at most ${MAX_PHRASES} at once`,
    );
  }
  return phrases;
}
