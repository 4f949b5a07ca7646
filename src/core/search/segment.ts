import SearchableMap from 'minisearch/SearchableMap';
import type { Paper } from '../model';
import { forEachTerm } from './tokenize';

/** The indexed fields, with how much a word in each counts (BM25F field weights). */
export const FIELDS = ['title', 'abstract', 'authors', 'keywords', 'topics', 'key'] as const;
const BOOST = [3, 1, 1.5, 1.5, 1, 2];
/** BM25F length normalization per field: long abstracts count each word for less. */
const LENGTH_NORMALIZATION = 0.75;
/** A segment holds at most this many papers, so a document number fits in 16 bits. */
export const MAX_SEGMENT_DOCS = 0x10000;
/** A word's count in one field is kept up to this (13 bits); more adds nothing after BM25 saturation. */
const MAX_COUNT = 0x1fff;
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
    default: return paper.key;
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
  /** 1 while the document is current; 0 once it was removed or replaced. */
  readonly live: Uint8Array;
  liveCount: number;
  /** Scratch space for queries, reused so a keystroke allocates nothing per document. */
  readonly scores: Float64Array;
  readonly masks: Uint32Array;
  readonly touched: Uint32Array;

  constructor(readonly data: SegmentData, readonly vocabulary: SearchableMap<number>) {
    const n = data.keys.length;
    this.live = new Uint8Array(n).fill(1);
    this.liveCount = n;
    this.scores = new Float64Array(n);
    this.masks = new Uint32Array(n);
    this.touched = new Uint32Array(n);
  }

  get size(): number {
    return this.data.keys.length;
  }

  /** How many documents of this segment contain the term (removed ones included). */
  documentFrequency(term: string): number {
    const id = this.vocabulary.get(term);
    return id === undefined ? 0 : this.data.offsets[id + 1] - this.data.offsets[id];
  }

  kill(local: number): void {
    if (this.live[local]) {
      this.live[local] = 0;
      this.liveCount--;
    }
  }
}

/** Average word count per field; lengths are normalized against these. */
export type FieldAverages = number[];

const CHUNK_BITS = 18;
const CHUNK = 1 << CHUNK_BITS;

/** A list of 32-bit numbers in fixed-size chunks: growing never copies (a copy of a large array would block). */
class ChunkedList {
  length = 0;
  private readonly chunks: Uint32Array[] = [];
  push(value: number): void {
    const i = this.length & (CHUNK - 1);
    if (i === 0) this.chunks.push(new Uint32Array(CHUNK));
    this.chunks[this.chunks.length - 1][i] = value;
    this.length++;
  }
  get(index: number): number {
    return this.chunks[index >>> CHUNK_BITS][index & (CHUNK - 1)];
  }
}

/**
 * Builds a segment step by step: the generator yields after each small unit
 * of work, so a caller can spread a large build over time slices. `averages`
 * fixes the field averages (so a small update batch is normalized like the
 * rest of the index); without it they come from this batch.
 */
export function* buildSegment(papers: readonly Paper[], averages?: FieldAverages): Generator<number, { segment: Segment; averages: FieldAverages }> {
  if (papers.length > MAX_SEGMENT_DOCS) throw new RangeError(`a segment holds at most ${MAX_SEGMENT_DOCS} papers`);
  const nFields = FIELDS.length;
  const n = papers.length;
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  // One entry per (document, field, term): its term, and document·field·count packed in 32 bits.
  const entryTerm = new ChunkedList();
  const entryWhere = new ChunkedList();
  // Postings are counted as entries are made (a term in two fields of one paper is one posting),
  // so the arrays are allocated at their final size: large buffers are what make V8 pause for GC.
  let termLastDoc = new Int32Array(4096).fill(-1);
  let nPostings = 0;
  const lengths = new Uint32Array(n * nFields);
  // Counts of each term in the current field, by term number, and which terms the field has.
  let fieldCounts = new Uint32Array(4096);
  const fieldTerms: number[] = [];
  let fieldLength = 0;
  const count = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = terms.length;
      termIds.set(term, id);
      terms.push(term);
      if (id >= fieldCounts.length) {
        const bigger = new Uint32Array(fieldCounts.length * 2);
        bigger.set(fieldCounts);
        fieldCounts = bigger;
        const lastDocs = new Int32Array(fieldCounts.length).fill(-1);
        lastDocs.set(termLastDoc);
        termLastDoc = lastDocs;
      }
    }
    if (fieldCounts[id]++ === 0) fieldTerms.push(id);
    fieldLength++;
  };

  for (let doc = 0; doc < n; doc++) {
    for (let field = 0; field < nFields; field++) {
      fieldLength = 0;
      forEachTerm(fieldText(papers[doc], field), count);
      for (const id of fieldTerms) {
        entryTerm.push(id);
        entryWhere.push(((doc << 16) | (field << 13) | Math.min(fieldCounts[id], MAX_COUNT)) >>> 0);
        fieldCounts[id] = 0;
        if (termLastDoc[id] !== doc) {
          termLastDoc[id] = doc;
          nPostings++;
        }
      }
      fieldTerms.length = 0;
      lengths[doc * nFields + field] = fieldLength;
    }
    yield doc + 1;
  }

  const avg = averages ?? FIELDS.map((_, field) => {
    let sum = 0;
    for (let doc = 0; doc < n; doc++) sum += lengths[doc * nFields + field];
    return n ? Math.max(1, sum / n) : 1;
  });

  // Counting sort of the entries by term; entries of one document stay together and in document order.
  const nEntries = entryTerm.length;
  const starts = new Uint32Array(terms.length + 1);
  for (let i = 0; i < nEntries; i++) {
    starts[entryTerm.get(i) + 1]++;
    if ((i & 0x3ffff) === 0x3ffff) yield n;
  }
  for (let t = 0; t < terms.length; t++) starts[t + 1] += starts[t];
  yield n;
  const sorted = new Uint32Array(nEntries);
  const fill = starts.slice(0, terms.length);
  for (let i = 0; i < nEntries; i++) {
    const at = fill[entryTerm.get(i)]++;
    sorted[at] = entryWhere.get(i);
    if ((i & 0x3ffff) === 0x3ffff) yield n;
  }

  // Merge each (term, document)'s field entries into one weighted, length-normalized posting.
  const offsets = new Uint32Array(terms.length + 1);
  const docs = new Uint16Array(nPostings);
  const weights = new Uint8Array(nPostings);
  let out = 0;
  let sinceYield = 0;
  for (let t = 0; t < terms.length; t++) {
    offsets[t] = out;
    let lastDoc = -1;
    let weight = 0;
    for (let j = starts[t]; j < starts[t + 1]; j++) {
      const doc = sorted[j] >>> 16;
      const field = (sorted[j] >>> 13) & 7;
      const c = sorted[j] & MAX_COUNT;
      const norm = 1 - LENGTH_NORMALIZATION + LENGTH_NORMALIZATION * (lengths[doc * nFields + field] / avg[field]);
      if (doc !== lastDoc) {
        if (lastDoc >= 0) weights[out - 1] = encodeWeight(weight);
        docs[out++] = doc;
        lastDoc = doc;
        weight = 0;
      }
      weight += (BOOST[field] * c) / norm;
    }
    if (lastDoc >= 0) weights[out - 1] = encodeWeight(weight);
    // Yield by work done, not terms: one common word can have a posting in every paper.
    if (starts[t + 1] - sinceYield > 0x20000) {
      sinceYield = starts[t + 1];
      yield n;
    }
  }
  offsets[terms.length] = out;

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
