/**
 * The words a tool index knows, for prefix lookups ("car" → "car", "cars", "cartoon"). New words
 * wait in a short unsorted list, so a publish between searches never re-sorts the whole vocabulary.
 */
export class PrefixVocabulary {
  #sorted: string[] = [];
  #pending: string[] = [];

  add(word: string): void {
    this.#pending.push(word);
  }

  /** Every known word that starts with `prefix`, in no particular order. */
  withPrefix(prefix: string): string[] {
    if (this.#pending.length > 256) this.#merge();
    const found: string[] = [];
    for (let i = lowerBound(this.#sorted, prefix); i < this.#sorted.length; i += 1) {
      const word = this.#sorted[i] as string;
      if (!word.startsWith(prefix)) break;
      found.push(word);
    }
    for (const word of this.#pending) if (word.startsWith(prefix)) found.push(word);
    return found;
  }

  /** Starts again from `words` (after the index dropped words nothing uses any more). */
  reset(words: Iterable<string>): void {
    this.#sorted = [...words].sort();
    this.#pending = [];
  }

  #merge(): void {
    this.#sorted = [...this.#sorted, ...this.#pending].sort();
    this.#pending = [];
  }
}

function lowerBound(sorted: readonly string[], target: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
