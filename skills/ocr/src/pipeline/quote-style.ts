import type { CtcChar } from './ctc-decode.js';
import { hasCjk } from './half-width.js';

/** A family of quote marks: the straight one, and the curly opening and closing ones. */
interface QuoteFamily {
  straight: string;
  open: string;
  close: string;
}

const DOUBLE: QuoteFamily = { straight: '"', open: '“', close: '”' };
const SINGLE: QuoteFamily = { straight: "'", open: '‘', close: '’' };

/**
 * How much likelier a straight reading must be, summed over a page's quote marks, than a curly one
 * for the page to be read straight. The recogniser (trained mostly on Chinese, where quotes are
 * curly) leans curly in small type: on pages of 10–20 px text in DejaVu Sans and Serif, straight marks
 * summed 0.74–26 times the curly probability (0.74 at 11 px, 1.6–2.2 at 10, 12 and 13 px; the
 * generated benchmark pages 0.8–457), curly marks 0.48–1.9 (0.48 at 11 px, about 1 at 13–16 px, 1.9
 * at 20 px; it reads most closing `”` as `"`). No one ratio parts them at every size: this one reads
 * every straight page straight, and curly pages straight too but at 11 px, where they came back half
 * straight before.
 */
const STRAIGHT_RATIO = 0.55;

/** The straight and curly probabilities seen for each mark of one family in a line, in order. */
export interface QuoteMarks {
  double: Array<{ straight: number; curly: number }>;
  single: Array<{ straight: number; curly: number }>;
}

function marksOf(chars: readonly CtcChar[], family: QuoteFamily) {
  const curly = (char: string) => char === family.open || char === family.close;
  return chars.flatMap((char) => {
    if (char.char !== family.straight && !curly(char.char)) return [];
    const straight =
      char.char === family.straight
        ? char.probability
        : char.runnerUp === family.straight
          ? char.runnerUpProbability
          : 0;
    const curlyProbability = curly(char.char)
      ? char.probability
      : curly(char.runnerUp)
        ? char.runnerUpProbability
        : 0;
    return [{ straight, curly: curlyProbability }];
  });
}

/** The quote marks of one decoded line, with what the recogniser thought of each. */
export function quoteMarks(chars: readonly CtcChar[]): QuoteMarks {
  return { double: marksOf(chars, DOUBLE), single: marksOf(chars, SINGLE) };
}

function straightWins(marks: ReadonlyArray<{ straight: number; curly: number }>): boolean | undefined {
  if (marks.length === 0) return undefined;
  const straight = marks.reduce((sum, mark) => sum + mark.straight, 0);
  const curly = marks.reduce((sum, mark) => sum + mark.curly, 0);
  return straight >= STRAIGHT_RATIO * curly;
}

function restyle(text: string, family: QuoteFamily, straight: boolean): string {
  const chars = [...text];
  return chars
    .map((char, i) => {
      if (char !== family.straight && char !== family.open && char !== family.close) return char;
      if (straight) return family.straight;
      const before = chars[i - 1];
      const after = chars[i + 1];
      const opens =
        (before === undefined || /[\s([{]/u.test(before)) && after !== undefined && /\S/u.test(after);
      return opens ? family.open : family.close;
    })
    .join('');
}

/**
 * The lines of one page with one style of quote marks, straight or curly, whichever the recogniser
 * found likelier over all the page's marks (double and single quotes decided apart). A page is set in
 * one style, but in small type the recogniser mixes them (`“budget"`) and often takes a straight
 * mark for a curly one; curly marks are put back as opening or closing by where they stand. Lines
 * with Chinese, Japanese or Korean characters, whose quotes are curly, are left as read.
 */
export function unifyQuotes(lines: ReadonlyArray<{ text: string; quotes: QuoteMarks }>): string[] {
  const latin = lines.filter((line) => !hasCjk(line.text));
  const double = straightWins(latin.flatMap((line) => line.quotes.double));
  const single = straightWins(latin.flatMap((line) => line.quotes.single));
  return lines.map(({ text }) => {
    if (hasCjk(text)) return text;
    let styled = text;
    if (double !== undefined) styled = restyle(styled, DOUBLE, double);
    if (single !== undefined) styled = restyle(styled, SINGLE, single);
    return styled;
  });
}
