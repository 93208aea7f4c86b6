import type { PostingList } from './posting-list.js';

export interface ScoredId {
  id: number;
  score: number;
}

// Query words per search are capped at 16 (query.ts); stamps reserve 32 slots per search.
const TERM_SLOTS = 32;

/**
 * Score accumulators for one search at a time, reused across searches so a query allocates
 * nothing per posting. Orders by words matched, then score; exact ties go to the lower id (the
 * tool indexed first).
 */
export class TopHits {
  #score = new Float64Array(0);
  #matched = new Uint8Array(0);
  // Stamps instead of clearing arrays: a slot belongs to this search (and word) iff it holds its stamp.
  #seen = new Float64Array(0);
  #seenWord = new Float64Array(0);
  #touched = new Int32Array(0);
  #touchedCount = 0;
  #search = 0;
  #limit = 0;

  start(size: number, limit: number): this {
    if (size > this.#score.length) this.#grow(Math.max(size, this.#score.length * 2, 1024));
    this.#search += 1;
    this.#touchedCount = 0;
    this.#limit = limit;
    return this;
  }

  /**
   * Adds each posting's BM25 term score, `scale · tf / (tf + c0 + c1 · length)`, to its doc, as
   * query word number `word`; docs whose length is negative are removed and skipped.
   */
  accumulate(list: PostingList, word: number, scale: number, c0: number, c1: number, lengths: Float64Array) {
    const { docs, weights, count } = list;
    const score = this.#score;
    const matched = this.#matched;
    const seen = this.#seen;
    const seenWord = this.#seenWord;
    const touched = this.#touched;
    const search = this.#search;
    const stamp = search * TERM_SLOTS + word;
    let touchedCount = this.#touchedCount;
    for (let i = 0; i < count; i += 1) {
      const id = docs[i] as number;
      const length = lengths[id] as number;
      if (length < 0) continue;
      const tf = weights[i] as number;
      if (seen[id] !== search) {
        seen[id] = search;
        score[id] = 0;
        matched[id] = 0;
        touched[touchedCount] = id;
        touchedCount += 1;
      }
      if (seenWord[id] !== stamp) {
        seenWord[id] = stamp;
        (matched[id] as number) += 1;
      }
      (score[id] as number) += (scale * tf) / (tf + c0 + c1 * length);
    }
    this.#touchedCount = touchedCount;
  }

  /** The best `limit` docs, best first. */
  best(): ScoredId[] {
    const kept: number[] = [];
    for (let i = 0; i < this.#touchedCount; i += 1) {
      const id = this.#touched[i] as number;
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
    this.#touched = new Int32Array(size);
  }
}
