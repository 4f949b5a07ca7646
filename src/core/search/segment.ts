import SearchableMap from 'minisearch/SearchableMap';
import type { Paper } from '../model';
import { americanSpelling } from './spelling';
import { forEachTerm } from './tokenize';

/** The indexed fields, with how much a word in each counts (BM25F field weights). */
export const FIELDS = ['title', 'abstract', 'authors', 'keywords', 'topics', 'key'] as const;
const BOOST = [3, 1, 1.5, 1.5, 1, 2];
/** BM25F length normalization per field: long abstracts count each word for less. */
const LENGTH_NORMALIZATION = 0.75;
/** A segment holds at most this many papers, so a document number fits in 16 bits. */
export const MAX_SEGMENT_DOCS = 0x10000;
/**
 * Term weights are stored in one byte on a log scale: code c stands for
 * 2^(c/24)/16, from about 0.06 to 100 in steps of 3%, finer than ranking needs.
 */
const CODES_PER_DOUBLING = 24;
export function encodeWeight(weight: number): number {
  return Math.max(1, Math.min(255, Math.round(CODES_PER_DOUBLING * Math.log2(weight * 16))));
}
export function decodeWeight(code: number): number {
  return 2 ** (code / CODES_PER_DOUBLING) / 16;
}

function fieldText(paper: Paper, field: number): string {
  switch (FIELDS[field]) {
    case 'title': return paper.title;
    case 'abstract': return paper.abstract ?? '';
    case 'authors': return paper.authors.map((a) => (a.given ? `${a.given} ${a.family}` : a.family)).join(' ');
    case 'keywords': return paper.keywords.join(' ');
    case 'topics': return paper.topics.join(' ').replace(/-/g, ' ');
    default: return [paper.key, ...(paper.aliases ?? [])].join(' '); // aliases: every key of the work finds it
  }
}

/** What a segment holds: an immutable inverted index over a batch of papers, in typed arrays. */
export interface SegmentData {
  /** Local document number → paper key. */
  keys: string[];
  /** Term number → term. */
  terms: string[];
  /** Term number → index of its first posting; one extra entry at the end. */
  offsets: Uint32Array;
  /** Postings: local document numbers, ascending within each term. */
  docs: Uint16Array;
  /** Postings: the word's field-weighted, length-normalized frequency in that document (see encodeWeight). */
  weights: Uint8Array;
}

/**
 * One immutable batch of up to 65,536 papers. Postings live in flat typed
 * arrays (3 bytes each) rather than a map per posting, which is what lets 100,000
 * abstracts fit in memory; MiniSearch's radix tree maps words to term numbers
 * and answers prefix and typo lookups.
 */
export class Segment {
  /** 1 while the document is current; 0 once it was removed or replaced. Never changed once the segment is in an index. */
  readonly live: Uint8Array;
  readonly liveCount: number;
  /** Scratch space for queries, reused so a keystroke allocates nothing per document. */
  readonly scores: Float64Array;
  readonly masks: Uint32Array;
  readonly touched: Uint32Array;

  constructor(readonly data: SegmentData, readonly vocabulary: SearchableMap<number>, live?: { flags: Uint8Array; count: number }, scratch?: Segment) {
    const n = data.keys.length;
    this.live = live?.flags ?? new Uint8Array(n).fill(1);
    this.liveCount = live?.count ?? n;
    // Queries run synchronously, one at a time, so views of one segment can share its scratch arrays.
    this.scores = scratch?.scores ?? new Float64Array(n);
    this.masks = scratch?.masks ?? new Uint32Array(n);
    this.touched = scratch?.touched ?? new Uint32Array(n);
  }

  get size(): number {
    return this.data.keys.length;
  }

  /** The same postings with other liveness flags (for the next index; this segment is not changed). */
  withLive(flags: Uint8Array, count: number): Segment {
    return new Segment(this.data, this.vocabulary, { flags, count }, this);
  }
}

/** Average word count per field; lengths are normalized against these. */
export type FieldAverages = number[];

/**
 * Builds a segment step by step: the generator yields after each small unit
 * of work, so a caller can spread a large build over time slices. `averages`
 * fixes the field averages (so a small update batch is normalized like the
 * rest of the index); without it they come from this batch.
 *
 * The text is read once: that pass finds the words, how many papers hold
 * each and every field's length, and notes each word occurrence's term
 * number in one flat typed array (tokenising is most of the build's time).
 * A second pass over those numbers writes each posting straight to its
 * place. Nothing is buffered per (paper, field, word) as an object: large
 * short-lived heaps of small objects are what make V8 stop everything for a
 * full garbage collection.
 */
export function* buildSegment(papers: readonly Paper[], averages?: FieldAverages): Generator<number, { segment: Segment; averages: FieldAverages }> {
  if (papers.length > MAX_SEGMENT_DOCS) throw new RangeError(`a segment holds at most ${MAX_SEGMENT_DOCS} papers`);
  const nFields = FIELDS.length;
  const n = papers.length;
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const lengths = new Uint32Array(n * nFields);

  // Pass 1: words, document frequencies and field lengths.
  let documentFrequency = new Uint32Array(4096);
  let lastDoc = new Int32Array(4096).fill(-1);
  let doc = 0;
  let fieldLength = 0;
  // Every kept word occurrence's term number, paper by paper and field by field (grown by doubling).
  let occurrences = new Uint32Array(Math.max(1024, n * 128));
  let nOccurrences = 0;
  const firstPass = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) {
      // A British spelling shares the American word's entry ("tumour" is "tumor"); spelled once per distinct word.
      const word = americanSpelling(term);
      id = termIds.get(word);
      if (id === undefined) {
        id = terms.length;
        termIds.set(word, id);
        terms.push(word);
        if (id >= documentFrequency.length) {
          const frequencies = new Uint32Array(documentFrequency.length * 2);
          frequencies.set(documentFrequency);
          documentFrequency = frequencies;
          const lastDocs = new Int32Array(lastDoc.length * 2).fill(-1);
          lastDocs.set(lastDoc);
          lastDoc = lastDocs;
        }
      }
      termIds.set(term, id);
    }
    if (lastDoc[id] !== doc) {
      lastDoc[id] = doc;
      documentFrequency[id]++;
    }
    if (nOccurrences === occurrences.length) {
      const grown = new Uint32Array(occurrences.length * 2);
      grown.set(occurrences);
      occurrences = grown;
    }
    occurrences[nOccurrences++] = id;
    fieldLength++;
  };
  for (doc = 0; doc < n; doc++) {
    for (let field = 0; field < nFields; field++) {
      fieldLength = 0;
      forEachTerm(fieldText(papers[doc], field), firstPass);
      lengths[doc * nFields + field] = fieldLength;
    }
    yield doc >> 1;
  }

  const avg = averages ?? FIELDS.map((_, field) => {
    let sum = 0;
    for (let d = 0; d < n; d++) sum += lengths[d * nFields + field];
    return n ? Math.max(1, sum / n) : 1;
  });
  const offsets = new Uint32Array(terms.length + 1);
  for (let t = 0; t < terms.length; t++) offsets[t + 1] = offsets[t] + documentFrequency[t];
  const nPostings = offsets[terms.length];
  const docs = new Uint16Array(nPostings);
  const weights = new Uint8Array(nPostings);
  const cursor = offsets.slice(0, terms.length);
  yield n >> 1;

  // Pass 2: each word's weight in each paper (boosted, length-normalized, summed over fields), written in place.
  const docWeight = new Float64Array(terms.length);
  const docTerms: number[] = [];
  let at = 0;
  for (doc = 0; doc < n; doc++) {
    for (let field = 0; field < nFields; field++) {
      const length = lengths[doc * nFields + field];
      const norm = 1 - LENGTH_NORMALIZATION + LENGTH_NORMALIZATION * (length / avg[field]);
      const perOccurrence = BOOST[field] / norm;
      for (const end = at + length; at < end; at++) {
        const id = occurrences[at];
        if (docWeight[id] === 0) docTerms.push(id);
        docWeight[id] += perOccurrence;
      }
    }
    for (const id of docTerms) {
      docs[cursor[id]] = doc;
      weights[cursor[id]++] = encodeWeight(docWeight[id]);
      docWeight[id] = 0;
    }
    docTerms.length = 0;
    if ((doc & 0xf) === 0xf) yield (n + doc) >> 1;
  }
  occurrences = new Uint32Array(0); // let the buffer go before the radix tree is built

  const vocabulary = yield* vocabularyOf(terms, n);
  const data: SegmentData = { keys: papers.map((p) => p.key), terms, offsets, docs, weights };
  return { segment: new Segment(data, vocabulary), averages: avg };
}

/** The radix tree over a segment's terms, built in steps (each step yields `progress`). */
export function* vocabularyOf(terms: readonly string[], progress = 0): Generator<number, SearchableMap<number>> {
  const vocabulary = new SearchableMap<number>();
  for (let t = 0; t < terms.length; t++) {
    vocabulary.set(terms[t], t);
    if ((t & 0x3ff) === 0x3ff) yield progress;
  }
  return vocabulary;
}
