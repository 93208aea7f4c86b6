const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];

// Digits with optional thousands groups ("1,200") and decimals; a comma followed by a blank is a
// list separator ("1, 2"), not a group. Then a number word, as a whole word.
const NUMBER = new RegExp(
  `(?<![\\p{L}\\p{N}.])(-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|-?\\d+(?:\\.\\d+)?)(?![\\p{L}\\p{N}])|\\b(${WORDS.join('|')})\\b`,
  'giu',
);

/**
 * The numbers an answer names, in order: digits (`3`, `-2.5`, `1,200`) and the words zero to
 * twenty in any case. Digits glued to letters (`X7K`, `3rd`, `2x`) are not numbers; neither
 * are number words inside other words (`someone`).
 */
export function extractNumbers(text: string): number[] {
  const found: number[] = [];
  for (const match of text.normalize('NFKC').matchAll(NUMBER)) {
    const [, digits, word] = match;
    if (digits !== undefined) found.push(Number(digits.replaceAll(',', '')));
    else if (word !== undefined) found.push(WORDS.indexOf(word.toLowerCase()));
  }
  return found;
}

/** Whether `actual` is within `tolerance` of `expected`, absolutely or as a fraction of `expected`. */
export function withinTolerance(
  actual: number,
  expected: number,
  tolerance: number,
  relative: boolean,
): boolean {
  const slack = relative ? tolerance * Math.abs(expected) : tolerance;
  // A little room for binary fractions (0.1 + 0.2), far below any tolerance a person writes.
  return Math.abs(actual - expected) <= slack + 1e-9 * Math.max(1, Math.abs(expected));
}
