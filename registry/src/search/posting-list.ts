/**
 * One word's postings: the ids of the docs that contain it, ascending, and the word's
 * field-weighted frequency in each, in typed arrays so a search reads them without boxing.
 */
export class PostingList {
  docs = new Int32Array(4);
  weights = new Float32Array(4);
  count = 0;
  /** How many of the docs are still indexed. */
  live = 0;

  push(doc: number, weight: number): void {
    if (this.count === this.docs.length) {
      const docs = new Int32Array(this.count * 2);
      docs.set(this.docs);
      this.docs = docs;
      const weights = new Float32Array(this.count * 2);
      weights.set(this.weights);
      this.weights = weights;
    }
    this.docs[this.count] = doc;
    this.weights[this.count] = weight;
    this.count += 1;
    this.live += 1;
  }
}
