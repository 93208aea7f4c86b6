import type { Box } from '../survey/survey.js';

// COCO names that are plural already, or whose plural is irregular.
const PLURALS: Record<string, string> = {
  person: 'people',
  skis: 'skis',
  scissors: 'scissors',
  mouse: 'mice',
};

/** A class name's plural: "cats", "buses", "people". */
export function pluralOf(noun: string): string {
  if (Object.hasOwn(PLURALS, noun)) return PLURALS[noun] as string;
  if (/(s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

/** "1 cat", "2 people". */
export const countOf = (count: number, noun: string): string =>
  `${count} ${count === 1 ? noun : pluralOf(noun)}`;

/** "a cat", "an umbrella". */
export const withArticle = (noun: string): string => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

/** A box as a model would write it: three decimals, no trailing zeros. */
export const roundBox = (box: Box): Box => box.map((value) => Number(value.toFixed(3))) as Box;

export const boxText = (box: Box): string => `[${roundBox(box).join(', ')}]`;
