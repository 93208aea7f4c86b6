/** Edit distance (insertions, deletions, substitutions) between two strings, by code point. */
export function levenshtein(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (s[i - 1] === t[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[t.length] ?? 0;
}

/** Runs of whitespace become one space, ends trimmed: layout is not what CER measures. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Edits and reference length (whitespace collapsed, case kept), so CER can be pooled over pages. */
export function characterErrors(reference: string, hypothesis: string): { edits: number; chars: number } {
  const ref = collapseWhitespace(reference);
  return { edits: levenshtein(ref, collapseWhitespace(hypothesis)), chars: [...ref].length };
}
