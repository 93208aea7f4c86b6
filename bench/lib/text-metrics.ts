import { characterErrors } from '@mmskills/core/testing';
import type { TextPage } from '@mmskills/image/testing';
import { summarise } from './stats.js';

/** Character errors with all whitespace removed: character recognition alone, word spacing not counted. */
export function characterErrorsIgnoringSpaces(reference: string, hypothesis: string) {
  return characterErrors(reference.replace(/\s+/g, ''), hypothesis.replace(/\s+/g, ''));
}

/**
 * The page's lines as a reader going straight across the columns gives them: lines whose middles lie within
 * half a font size of each other make one row, read left to right. The same as the reading order on every
 * kind but `columns`, where it tells the errors of order from the errors of recognition.
 */
export function straightAcrossText(page: TextPage): string {
  const lines = [...page.layout.lines].sort(
    (a, b) => a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2),
  );
  const rows: Array<typeof lines> = [];
  for (const line of lines) {
    const row = rows.at(-1);
    const middle = (l: (typeof lines)[number]) => l.box.y + l.box.height / 2;
    if (row && Math.abs(middle(line) - middle(row[0] as (typeof lines)[number])) < line.size / 2)
      row.push(line);
    else rows.push([line]);
  }
  return rows
    .map((row) =>
      row
        .sort((a, b) => a.box.x - b.box.x)
        .map((l) => l.text)
        .join(' '),
    )
    .join('\n');
}

const ratio = (edits: number, chars: number) => Math.round((edits / Math.max(1, chars)) * 10000) / 10000;

export interface Read {
  text: string;
  ms: number;
}

/** One reader's reads of some pages, scored: CER pooled over the pages (edits ÷ reference characters). */
export function scoreReads(pages: readonly TextPage[], reads: readonly Read[]) {
  const sum = { edits: 0, chars: 0, spacelessEdits: 0, spacelessChars: 0, acrossEdits: 0, acrossChars: 0 };
  const perPage = pages.map((page, i) => {
    const read = reads[i] as Read;
    const errors = characterErrors(page.text, read.text);
    const spaceless = characterErrorsIgnoringSpaces(page.text, read.text);
    const across = characterErrors(straightAcrossText(page), read.text);
    sum.edits += errors.edits;
    sum.chars += errors.chars;
    sum.spacelessEdits += spaceless.edits;
    sum.spacelessChars += spaceless.chars;
    sum.acrossEdits += across.edits;
    sum.acrossChars += across.chars;
    return {
      kind: page.kind,
      seed: page.seed,
      cer: ratio(errors.edits, errors.chars),
      ms: Math.round(read.ms),
    };
  });
  const latency = summarise(reads.map((read) => read.ms));
  return {
    cer: ratio(sum.edits, sum.chars),
    edits: sum.edits,
    chars: sum.chars,
    cer_ignoring_spaces: ratio(sum.spacelessEdits, sum.spacelessChars),
    cer_straight_across: ratio(sum.acrossEdits, sum.acrossChars),
    p50_ms: Math.round(latency.p50_ms),
    p95_ms: Math.round(latency.p95_ms),
    max_ms: Math.round(latency.max_ms),
    pages: perPage,
  };
}
export type Score = ReturnType<typeof scoreReads>;

const fraction = (ours: number, theirs: number) =>
  theirs > 0 ? Math.round((ours / theirs) * 1000) / 1000 : null;

/** Issue 21's goals against one tesseract set: CER ≤ ⅓ of its CER and time ≤ 0.8× its time (p50). */
export function goalsAgainst(against: string, ours: Score, theirs: Score) {
  const cerMet = ours.edits === 0 || ours.cer <= theirs.cer / 3;
  const p50Ratio = fraction(ours.p50_ms, theirs.p50_ms);
  return {
    against,
    cer_ratio: fraction(ours.cer, theirs.cer),
    p50_ratio: p50Ratio,
    p95_ratio: fraction(ours.p95_ms, theirs.p95_ms),
    cer_at_most_a_third: cerMet,
    p50_at_most_0_8: p50Ratio !== null && p50Ratio <= 0.8,
    met: cerMet && p50Ratio !== null && p50Ratio <= 0.8,
  };
}
