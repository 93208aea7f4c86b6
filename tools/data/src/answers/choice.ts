import { containsPhrase, normaliseText } from './normalise.js';

const letterOf = (index: number) => String.fromCharCode(65 + index);

/**
 * The letters an answer uses to name an option. A letter counts when it is the whole answer
 * (`B`, `(B)`, `B.`), in brackets (`(B)`), after answer / option / choice (`the answer is B`,
 * `Answer: b`), or a capital standing alone before `.`, `)` or `:` (`B. red`). A lone capital
 * `A` in running text is the article, so `A red circle` names no option.
 */
function lettersNamed(answer: string, count: number): Set<number> {
  const letters = `A-${letterOf(count - 1)}`;
  const named = new Set<number>();
  const add = (letter: string | undefined) => {
    if (letter !== undefined) named.add(letter.toUpperCase().charCodeAt(0) - 65);
  };
  const whole = answer.trim().match(new RegExp(`^[(\\[]?([${letters}])[)\\].:]?$`, 'i'));
  if (whole) add(whole[1]);
  for (const match of answer.matchAll(new RegExp(`[(\\[]([${letters}])[)\\]]`, 'gi'))) add(match[1]);
  const keyword = new RegExp(
    `\\b(?:answer(?:\\s+is)?|option|choice)\\s*[:\\-]?\\s*\\(?([${letters}])\\b`,
    'gi',
  );
  for (const match of answer.matchAll(keyword)) {
    const rest = answer.slice((match.index ?? 0) + match[0].length);
    // "the answer is a red circle": a small letter followed by more words is an article.
    const article = match[1] === match[1]?.toLowerCase() && /^\s+\p{L}/u.test(rest);
    if (!article) add(match[1]);
  }
  for (const match of answer.matchAll(
    new RegExp(`(?<![\\p{L}\\p{N}])([${letters}])(?=[.):](?!\\w))`, 'gu'),
  )) {
    add(match[1]);
  }
  return named;
}

/** The options whose text the answer contains, leaving out one that is part of a longer one named too. */
function textsNamed(answer: string, options: readonly string[]): Set<number> {
  const hits = options.flatMap((option, index) => (containsPhrase(answer, option) ? [index] : []));
  const longer = (inner: number, outer: number) => {
    const a = normaliseText(options[inner] as string);
    const b = normaliseText(options[outer] as string);
    return a !== b && ` ${b} `.includes(` ${a} `);
  };
  return new Set(hits.filter((index) => !hits.some((other) => longer(index, other))));
}

/**
 * Which option a multiple-choice answer picks: its index, or undefined when it names none or more
 * than one (by letter or by the option's text, see `lettersNamed` and `textsNamed`).
 * @see ../../README.md "Answers"
 */
export function pickedOption(answer: string, options: readonly string[]): number | undefined {
  const named = new Set([...lettersNamed(answer, options.length), ...textsNamed(answer, options)]);
  return named.size === 1 ? [...named][0] : undefined;
}

export { letterOf };
