import { pick } from './random.js';

export const FONTS = [
  'DejaVu Sans',
  'DejaVu Serif',
  'DejaVu Sans Mono',
  'DejaVu Sans Condensed',
  'DejaVu Serif Condensed',
] as const;

// Advance width per pixel of font size, generous so that no line runs off its page or column.
export const ADVANCE: Record<string, number> = {
  'DejaVu Sans': 0.64,
  'DejaVu Serif': 0.66,
  'DejaVu Sans Mono': 0.62,
  'DejaVu Sans Condensed': 0.58,
  'DejaVu Serif Condensed': 0.6,
};

// The prose pages' words; unchanged since the first OCR benchmark so that its pages stay the same.
export const WORDS = (
  'the of and to in is for on that with as by from at this be are was not or an have which all their ' +
  'report order invoice total amount payment account customer service delivery address number date ' +
  'meeting project budget quarter revenue growth market price value system network update version ' +
  'review summary results method sample data table figure section chapter page note contact support ' +
  'office building street station river garden window morning evening weather storm travel ticket ' +
  'Monday Friday March October London Berlin Paris Tokyo Oslo Lisbon Alice Brown Miller Garcia Chen ' +
  'please return before after during between against without under above quickly carefully ' +
  'received shipped approved signed opened closed checked printed measured reported expected'
).split(' ');

// Issue 21: read_text dropped double quotes and split `Dril l`, `wil l`; the newer kinds draw these.
const DOUBLED_L = 'Drill drill will still fill small skill well call bill Hill tall roll spell'.split(' ');
const APOSTROPHES = "don't it's isn't we'll customer's Chen's O'Brien can't year's".split(' ');

function token(random: () => number): string {
  const roll = random();
  if (roll < 0.08) return `${Math.floor(random() * 9000) + 100}`;
  if (roll < 0.12) return `$${(random() * 5000).toFixed(2)}`;
  if (roll < 0.15)
    return `${Math.floor(random() * 28) + 1}/${Math.floor(random() * 12) + 1}/20${Math.floor(random() * 30) + 10}`;
  if (roll < 0.17) return `${(random() * 100).toFixed(1)}%`;
  if (roll < 0.19) return `(${pick(random, WORDS)})`;
  const word = pick(random, WORDS);
  const punctuation = random();
  return punctuation < 0.08 ? `${word},` : punctuation < 0.11 ? `${word}:` : word;
}

/** Like the prose pages' tokens, plus quoted phrases, apostrophes and words with `ll`. */
export function richToken(random: () => number): string {
  const roll = random();
  if (roll < 0.05) return `"${pick(random, WORDS)} ${pick(random, DOUBLED_L)}"`;
  if (roll < 0.1) return pick(random, APOSTROPHES);
  if (roll < 0.18) return pick(random, DOUBLED_L);
  return token(random);
}

export const capital = (word: string) => word.replace(/^./, (c) => c.toUpperCase());

/** One line of words filling 55–100% of `maxChars`, capitalised, half of them ending in a full stop. */
export function lineText(random: () => number, maxChars: number, rich = false): string {
  const words = [capital(pick(random, WORDS))];
  const target = Math.floor(maxChars * (0.55 + random() * 0.45));
  for (;;) {
    const next = rich ? richToken(random) : token(random);
    if (words.join(' ').length + 1 + next.length > target) break;
    words.push(next);
  }
  return random() < 0.5 ? `${words.join(' ')}.` : words.join(' ');
}

/** Running prose in sentences of 6–16 words, for text wrapped into columns. */
export function sentenceWords(random: () => number): () => string {
  let left = 0;
  return () => {
    const first = left === 0;
    if (first) left = 6 + Math.floor(random() * 11);
    left -= 1;
    const word = first ? capital(pick(random, WORDS)) : richToken(random);
    return left === 0 ? `${word.replace(/[,:]$/, '')}.` : word;
  };
}
