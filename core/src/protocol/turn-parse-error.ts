import { MmskillsError, MmskillsErrorCode } from '../errors.js';

const EXCERPT_LENGTH = 200;

/**
 * Raised by {@link parseTurn} for text it cannot read as a turn; the only error it throws.
 * `excerpt` is the offending part of the text, cut to about 200 characters.
 */
export class TurnParseError extends MmskillsError {
  readonly excerpt: string;

  constructor(problem: string, excerpt: string, options?: { cause?: unknown }) {
    const cut = cutExcerpt(excerpt);
    super(MmskillsErrorCode.InvalidTurn, `${problem} (near ${JSON.stringify(cut)})`, options);
    this.name = 'TurnParseError';
    this.excerpt = cut;
  }
}

function cutExcerpt(text: string): string {
  if (text.length <= EXCERPT_LENGTH) return text;
  // Keep surrogate pairs whole so the excerpt stays well-formed text.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(EXCERPT_LENGTH - 1)) ? EXCERPT_LENGTH - 1 : EXCERPT_LENGTH;
  return `${text.slice(0, end)}…`;
}
