import type { ToolDescriptor } from '@mmskills/core';
import type { ToolHit } from '../store/store.js';
import { PostingList } from './posting-list.js';
import { PrefixVocabulary } from './prefix-vocabulary.js';
import { FIELD_WEIGHTS, type Field, MIN_PREFIX, queryTerms, toolDocument } from './query.js';
import { TopHits } from './top-hits.js';

// Okapi BM25 constants (Robertson's defaults, as SQLite FTS5 uses them).
const K1 = 1.2;
const B = 0.75;

interface Doc {
  serverName: string;
  version: string;
  json: string;
  /** Field-weighted number of words. */
  length: number;
  /** The posting lists it is in (not the words: one copy of each word string is enough). */
  lists: PostingList[];
}

/**
 * In-memory ranked index of the tools of every server's latest live version. Stores keep it in
 * step with their tables; a search scores only the posting lists of the query's words (BM25F with
 * field weights, prefix matching), so its cost follows the matches, not the catalogue.
 * Ranking: tools matching more of the query's words first, then by score, then the tool indexed
 * first (stores load in publication order, so that is the one published first).
 */
export class ToolIndex {
  #docs: (Doc | undefined)[] = [];
  /** Field-weighted length of each doc, -1 once removed: the scoring loop reads only this. */
  #lengths = new Float64Array(1024);
  #byServer = new Map<string, number[]>();
  #postings = new Map<string, PostingList>();
  #vocabulary = new PrefixVocabulary();
  #liveDocs = 0;
  #totalLength = 0;
  #deadDocs = 0;
  #top = new TopHits();

  get size(): number {
    return this.#liveDocs;
  }

  /**
   * Indexes `tools` (descriptor JSON, as stored) as what server `name` offers in `version`,
   * replacing what it had; an empty list removes the server. `parsed` spares parsing them again.
   */
  setServer(
    name: string,
    version: string,
    tools: readonly string[],
    parsed?: readonly ToolDescriptor[],
  ): void {
    this.#removeServer(name);
    if (tools.length === 0) return;
    this.#byServer.set(
      name,
      tools.map((json, i) => this.#add(name, version, json, parsed?.[i])),
    );
    if (this.#deadDocs > 1024 && this.#deadDocs > this.#liveDocs) this.#compact();
  }

  clear(): void {
    this.#docs = [];
    this.#lengths = new Float64Array(1024);
    this.#byServer.clear();
    this.#postings.clear();
    this.#vocabulary.reset([]);
    this.#liveDocs = 0;
    this.#totalLength = 0;
    this.#deadDocs = 0;
  }

  search(query: string, limit: number): ToolHit[] {
    const terms = queryTerms(query);
    if (terms.length === 0 || this.#liveDocs === 0) return [];
    const average = this.#totalLength / this.#liveDocs;
    const top = this.#top.start(this.#docs.length, limit);
    terms.forEach((term, position) => {
      const matches = term.length >= MIN_PREFIX ? this.#vocabulary.withPrefix(term) : [term];
      for (const word of matches) {
        const postings = this.#postings.get(word);
        if (!postings || postings.live === 0) continue;
        const idf = Math.log(1 + (this.#liveDocs - postings.live + 0.5) / (postings.live + 0.5));
        // BM25: idf · tf·(k1+1) / (tf + k1·(1 − b + b·length/average)).
        top.accumulate(postings, position, idf * (K1 + 1), K1 * (1 - B), (K1 * B) / average, this.#lengths);
      }
    });
    return top.best().map(({ id, score }) => {
      const doc = this.#docs[id] as Doc;
      return {
        serverName: doc.serverName,
        version: doc.version,
        tool: JSON.parse(doc.json) as ToolDescriptor,
        score: Math.round(score * 1000) / 1000,
      };
    });
  }

  #add(serverName: string, version: string, json: string, parsed?: ToolDescriptor): number {
    const id = this.#docs.length;
    const fields = toolDocument(parsed ?? (JSON.parse(json) as ToolDescriptor));
    const weights = new Map<string, number>();
    let length = 0;
    for (const field of Object.keys(fields) as Field[]) {
      const weight = FIELD_WEIGHTS[field];
      length += weight * fields[field].length;
      for (const word of fields[field]) weights.set(word, (weights.get(word) ?? 0) + weight);
    }
    const lists: PostingList[] = [];
    for (const [word, weight] of weights) {
      let postings = this.#postings.get(word);
      if (!postings) {
        postings = new PostingList();
        this.#postings.set(word, postings);
        this.#vocabulary.add(word);
      }
      postings.push(id, weight);
      lists.push(postings);
    }
    this.#docs.push({ serverName, version, json, length, lists });
    if (id >= this.#lengths.length) {
      const grown = new Float64Array(this.#lengths.length * 2);
      grown.set(this.#lengths);
      this.#lengths = grown;
    }
    this.#lengths[id] = length;
    this.#liveDocs += 1;
    this.#totalLength += length;
    return id;
  }

  #removeServer(name: string): void {
    for (const id of this.#byServer.get(name) ?? []) {
      const doc = this.#docs[id] as Doc;
      for (const list of doc.lists) list.live -= 1;
      this.#docs[id] = undefined;
      this.#lengths[id] = -1;
      this.#liveDocs -= 1;
      this.#deadDocs += 1;
      this.#totalLength -= doc.length;
    }
    this.#byServer.delete(name);
  }

  // Replaced versions leave holes in the posting lists; rebuild once they outnumber live tools.
  #compact(): void {
    const live = [...this.#byServer.entries()].map(
      ([name, ids]) => [name, ids.map((id) => this.#docs[id] as Doc)] as const,
    );
    this.clear();
    for (const [name, docs] of live)
      this.#byServer.set(
        name,
        docs.map((doc) => this.#add(name, doc.version, doc.json)),
      );
  }
}
