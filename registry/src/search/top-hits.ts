export interface ScoredId {
  id: number;
  score: number;
}

// Query words per search are capped at 16 (query.ts); stamps reserve 32 slots per search.
const TERM_SLOTS = 32;

/**
 * Score accumulators for one search at a time, reused across searches so a query allocates
 * only its list of touched ids. Orders by words matched, then score; exact ties go to the
 * lower id (the tool indexed first).
 */
export class TopHits {
  #score = new Float64Array(0);
  #matched = new Uint8Array(0);
  // Stamps instead of clearing arrays: a slot belongs to this search (and word) iff it holds its stamp.
  #seen = new Float64Array(0);
  #seenWord = new Float64Array(0);
  #search = 0;
  #touched: number[] = [];
  #limit = 0;

  start(size: number, limit: number): this {
    if (size > this.#score.length) this.#grow(Math.max(size, this.#score.length * 2, 1024));
    this.#search += 1;
    this.#touched = [];
    this.#limit = limit;
    return this;
  }

  /** Adds `score` to doc `id` for query word number `word`. */
  add(id: number, word: number, score: number): void {
    if (this.#seen[id] !== this.#search) {
      this.#seen[id] = this.#search;
      this.#score[id] = 0;
      this.#matched[id] = 0;
      this.#touched.push(id);
    }
    const stamp = this.#search * TERM_SLOTS + word;
    if (this.#seenWord[id] !== stamp) {
      this.#seenWord[id] = stamp;
      (this.#matched[id] as number) += 1;
    }
    (this.#score[id] as number) += score;
  }

  /** The best `limit` docs, best first. */
  best(): ScoredId[] {
    const kept: number[] = [];
    for (const id of this.#touched) {
      if (kept.length === this.#limit && !this.#before(id, kept[kept.length - 1] as number)) continue;
      let at = kept.length;
      while (at > 0 && this.#before(id, kept[at - 1] as number)) at -= 1;
      kept.splice(at, 0, id);
      if (kept.length > this.#limit) kept.pop();
    }
    return kept.map((id) => ({ id, score: this.#score[id] as number }));
  }

  #before(a: number, b: number): boolean {
    const matched = (this.#matched[a] as number) - (this.#matched[b] as number);
    if (matched !== 0) return matched > 0;
    const score = (this.#score[a] as number) - (this.#score[b] as number);
    return score !== 0 ? score > 0 : a < b;
  }

  // Nothing survives a search, so growing starts from fresh arrays.
  #grow(size: number): void {
    this.#score = new Float64Array(size);
    this.#matched = new Uint8Array(size);
    this.#seen = new Float64Array(size);
    this.#seenWord = new Float64Array(size);
  }
}
