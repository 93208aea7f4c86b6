const WORD = /\S+/g;
const EDGE_PUNCTUATION = /^[("'[]*|[)"'\].,:;!?]*$/g;

/**
 * A zero read inside a word of letters, turned back into the letter it is: `0ctober` → `October`,
 * `0slo,` → `Oslo,`, `netw0rk` → `network`. The Chinese recogniser draws `0` and `O` from one
 * shape and often picks the digit at the start of a capitalised word. Only words whose other
 * characters (leading and trailing punctuation aside) are at least two Latin letters change, so numbers
 * and codes such as `0.5`, `A0` or `10am` stay as read.
 */
export function lettersForZeros(text: string): string {
  return text.replace(WORD, (word) => {
    const core = word.replace(EDGE_PUNCTUATION, '');
    if (!core.includes('0')) return word;
    const rest = core.replace(/0/g, '');
    if (rest.length < 2 || rest.length !== core.length - 1 || !/^\p{Script=Latin}+$/u.test(rest)) return word;
    const at = word.indexOf(core);
    const index = at + core.indexOf('0');
    return `${word.slice(0, index)}${index === at ? 'O' : 'o'}${word.slice(index + 1)}`;
  });
}
