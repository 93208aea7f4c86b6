const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Whether a line has Chinese, Japanese or Korean characters, whose punctuation is full-width and curly. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}
const FULL_WIDTH = /[\uff01-\uff5e\u3000\u3002]/g;

/**
 * Full-width punctuation and letters (`，` `：` `（`) turned into their ASCII forms in a line that
 * has no Chinese, Japanese or Korean characters. The Chinese recogniser often reads an English
 * comma as `，`; in a line of Latin text that is never what was printed.
 */
export function halfWidthInLatinLine(text: string): string {
  if (hasCjk(text)) return text;
  return text.replace(FULL_WIDTH, (char) => {
    if (char === '\u3000') return ' ';
    if (char === '\u3002') return '.';
    return String.fromCharCode((char.codePointAt(0) ?? 0) - 0xfee0);
  });
}
