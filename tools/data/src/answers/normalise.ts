const ARTICLES = new Set(['a', 'an', 'the']);

/**
 * Text as `text` answers compare it: Unicode-folded (NFKC), lower case, every character that is
 * not a letter or digit turned into a space (so `Region-based` reads `region based`), the articles
 * a, an and the dropped, and blanks collapsed to one space.
 * @see ../../README.md "Answers"
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word !== '' && !ARTICLES.has(word))
    .join(' ');
}

/**
 * Whether `phrase` appears in `text` as whole words, both normalised: `cat` is in `it is a cat.`
 * but not in `category`. An empty phrase (all articles or punctuation) is never contained.
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const needle = normaliseText(phrase);
  if (needle === '') return false;
  return ` ${normaliseText(text)} `.includes(` ${needle} `);
}
