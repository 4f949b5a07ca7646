import SearchableMap from 'minisearch/SearchableMap';
import type { Paper } from '../model';
import { release } from '../release';
import { compoundTableSteps } from './compounds';
import { TermList, TermTable } from './termTable';

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

const TOPICS_FIELD = FIELDS.indexOf('topics');

/**
 * A batch of papers' text, read: every field's words as term numbers, but
 * the topics field, which `withTopics` adds (so a library can be made
 * searchable before its topics are known, and finished once they are).
 */
export interface SegmentText {
  readonly papers: readonly Paper[];
  readonly table: TermTable;
  /** Term numbers of every field but topics, paper by paper and field by field. */
  readonly words: TermList;
  /** Per paper and field, how many words it has (the topics field's left 0 here). */
  readonly lengths: Uint32Array;
}

/** Reads the text of up to MAX_SEGMENT_DOCS papers, step by step (yields how many papers, halved: reading is half the build). */
export function* readSegment(papers: readonly Paper[]): Generator<number, SegmentText> {
  if (papers.length > MAX_SEGMENT_DOCS) throw new RangeError(`a segment holds at most ${MAX_SEGMENT_DOCS} papers`);
  const nFields = FIELDS.length;
  const n = papers.length;
  const table = new TermTable();
  // Room for about every word at once: growing a list of millions means copying it, and room to spare is
  // memory V8 counts against its next full collection (see `release`). English text has about one
  // indexed word per 9 characters; names, keywords and keys add a few per paper.
  let characters = 0;
  for (let doc = 0; doc < n; doc++) {
    characters += papers[doc].title.length + (papers[doc].abstract?.length ?? 0);
    if ((doc & 0xfff) === 0xfff) yield 0;
  }
  const words = new TermList(Math.ceil(characters / 9) + n * 8);
  const lengths = new Uint32Array(n * nFields);
  for (let doc = 0; doc < n; doc++) {
    for (let field = 0; field < nFields; field++) {
      if (field === TOPICS_FIELD) continue;
      lengths[doc * nFields + field] = table.read(fieldText(papers[doc], field), words);
    }
    yield doc >> 1;
  }
  return { papers, table, words, lengths };
}

/**
 * Builds a segment step by step: the generator yields after each small unit
 * of work, so a caller can spread a large build over time slices. `averages`
 * fixes the field averages (so a small update batch is normalized like the
 * rest of the index); without it they come from this batch. The text is
 * indexed first and the topics added after, as a first load does once its
 * topics are known, so both ways give the same segment.
 */
export function* buildSegment(papers: readonly Paper[], averages?: FieldAverages): Generator<number, { segment: Segment; averages: FieldAverages }> {
  const text = yield* readSegment(papers);
  const plain = yield* textSegment(text, averages);
  const done = yield* withTopics(plain.segment, papers, plain.averages, averages, papers.length);
  // The segment without topics was never seen outside: its postings go at once (see `release`).
  if (done.segment !== plain.segment) for (const array of [plain.segment.data.offsets, plain.segment.data.docs, plain.segment.data.weights]) release(array);
  return done;
}

/**
 * The segment of papers read by `readSegment`, without their topics; terms
 * are numbered in the order they first occur.
 *
 * The text was read once (tokenising is most of a build's time), into term
 * numbers in flat typed arrays; one pass numbers the terms and counts how
 * many papers hold each, the next writes each posting straight to its place.
 * Nothing is buffered per (paper, field, word) as an object: large
 * short-lived heaps of small objects are what make V8 stop everything for a
 * full garbage collection.
 */
function* textSegment(text: SegmentText, averages?: FieldAverages): Generator<number, { segment: Segment; averages: FieldAverages }> {
  const { papers, table, words, lengths } = text;
  const nFields = FIELDS.length;
  const n = papers.length;

  // Terms numbered as they first occur, and how many papers hold each.
  const renumbered = new Int32Array(table.terms.length).fill(-1);
  const terms: string[] = [];
  const documentFrequency = new Uint32Array(table.terms.length);
  const lastDoc = new Int32Array(table.terms.length).fill(-1);
  let at = 0;
  for (let doc = 0; doc < n; doc++) {
    for (const end = at + docLength(lengths, doc); at < end; at++) {
      const old = words.ids[at];
      let id = renumbered[old];
      if (id < 0) {
        id = renumbered[old] = terms.length;
        terms.push(table.terms[old]);
      }
      if (lastDoc[id] !== doc) {
        lastDoc[id] = doc;
        documentFrequency[id]++;
      }
    }
    if ((doc & 0xff) === 0xff) yield n >> 1;
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

  // Each word's weight in each paper (boosted, length-normalized, summed over fields), written in place.
  const docWeight = new Float64Array(terms.length);
  const docTerms: number[] = [];
  at = 0;
  for (let doc = 0; doc < n; doc++) {
    for (let field = 0; field < nFields; field++) {
      const length = lengths[doc * nFields + field];
      const perOccurrence = BOOST[field] / lengthNorm(length, avg[field]);
      for (const end = at + length; at < end; at++) {
        const id = renumbered[words.ids[at]];
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
  // The text read is done with: some 30 MB at 65,536 papers (see `release`).
  for (const array of [words.ids, lengths, renumbered, documentFrequency, lastDoc, cursor, docWeight]) release(array);
  table.release();

  const vocabulary = yield* vocabularyOf(terms, n);
  yield* compoundTableSteps(terms, n);
  // In steps too: reading the key of 65,536 papers of many shapes took 16 ms.
  const keys = new Array<string>(n);
  for (let doc = 0; doc < n; doc++) {
    keys[doc] = papers[doc].key;
    if ((doc & 0xfff) === 0xfff) yield n;
  }
  const data: SegmentData = { keys, terms, offsets, docs, weights };
  return { segment: new Segment(data, vocabulary), averages: avg };
}

/** Runs of postings at least this long are copied as blocks (views of both arrays), shorter ones one by one. */
const BLOCK_COPY = 64;

/** Terms, or topic postings, merged per step of `withTopics` (the text's postings are copied in blocks between them). */
const WORK_PER_STEP = 4096;

/** The first place in `sorted[from..to)` whose value is not below `value`. */
function lowerBound(sorted: Uint16Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many words a paper has in all its fields (its share of a `SegmentText`'s words). */
function docLength(lengths: Uint32Array, doc: number): number {
  let sum = 0;
  for (let field = 0, base = doc * FIELDS.length; field < FIELDS.length; field++) sum += lengths[base + field];
  return sum;
}

/** BM25F length normalization of a field of `length` words, against the field's average. */
function lengthNorm(length: number, average: number): number {
  return 1 - LENGTH_NORMALIZATION + LENGTH_NORMALIZATION * (length / average);
}

/**
 * `segment` (over `papers`, in order) with the papers' topics as they are
 * now: a topic word adds its weight to the paper's posting of that word, or
 * a posting of its own; a word only topics have becomes a term after the
 * text's. The text is not read again, so finishing a first load's index
 * with its topics costs a pass over the postings, not a second build (at
 * 100,000 papers the rebuild held some 50 MiB more at the load's peak).
 * `segment` itself is not changed: searches may still be running on it.
 * The topics field's average comes from `fixed`, or else from these papers.
 * Yields `progress`.
 */
export function* withTopics(segment: Segment, papers: readonly Paper[], averages: FieldAverages, fixed: FieldAverages | undefined, progress: number): Generator<number, { segment: Segment; averages: FieldAverages }> {
  const n = papers.length;
  const table = new TermTable();
  const words = new TermList(n * 4);
  const lengths = new Uint32Array(n);
  let sum = 0;
  for (let doc = 0; doc < n; doc++) {
    sum += lengths[doc] = table.read(fieldText(papers[doc], TOPICS_FIELD), words);
    if ((doc & 0x3ff) === 0x3ff) yield progress;
  }
  const average = fixed?.[TOPICS_FIELD] ?? (n ? Math.max(1, sum / n) : 1);
  const all = averages.slice();
  all[TOPICS_FIELD] = average;
  if (words.count === 0) return { segment, averages: all };

  // The segment's number of each topic word; words the text does not have are numbered after its terms.
  const old = segment.data;
  const idOf = new Uint32Array(table.terms.length);
  const added: string[] = [];
  table.terms.forEach((term, t) => {
    idOf[t] = segment.vocabulary.get(term) ?? old.terms.length + added.push(term) - 1;
  });
  const nTerms = old.terms.length + added.length;

  // The topic postings, by term and then paper (papers are visited in order): a counting sort.
  // At most one per topic word read.
  const topicDoc = new Uint16Array(words.count);
  const topicTerm = new Uint32Array(words.count);
  const topicWeight = new Float64Array(words.count);
  let nTopic = 0;
  const count = new Uint32Array(nTerms + 1);
  const weightOf = new Float64Array(nTerms);
  const seen: number[] = [];
  for (let doc = 0, at = 0; doc < n; doc++) {
    const perOccurrence = BOOST[TOPICS_FIELD] / lengthNorm(lengths[doc], average);
    for (const end = at + lengths[doc]; at < end; at++) {
      const id = idOf[words.ids[at]];
      if (weightOf[id] === 0) seen.push(id);
      weightOf[id] += perOccurrence;
    }
    for (const id of seen) {
      topicDoc[nTopic] = doc;
      topicTerm[nTopic] = id;
      topicWeight[nTopic++] = weightOf[id];
      count[id + 1]++;
      weightOf[id] = 0;
    }
    seen.length = 0;
    if ((doc & 0x3ff) === 0x3ff) yield progress;
  }
  for (let t = 0; t < nTerms; t++) count[t + 1] += count[t];
  const byTerm = new Uint32Array(nTopic);
  const place = count.slice(0, nTerms);
  for (let i = 0; i < nTopic; i++) byTerm[place[topicTerm[i]]++] = i;
  yield progress;

  // Merged postings: a paper in both lists keeps one posting, the text's weight plus the topics'.
  // A step per WORK_PER_STEP terms and topic postings; the text's postings between two topic ones
  // are copied as a block, so a long list costs a copy, not a loop.
  const textFrom = (t: number) => (t < old.terms.length ? old.offsets[t] : 0);
  const textTo = (t: number) => (t < old.terms.length ? old.offsets[t + 1] : 0);
  const inText = new Uint8Array(nTopic);
  const offsets = new Uint32Array(nTerms + 1);
  let work = 0;
  for (let t = 0; t < nTerms; t++) {
    const from = textFrom(t);
    const to = textTo(t);
    let both = 0;
    for (let i = count[t]; i < count[t + 1]; i++) {
      const at = lowerBound(old.docs, from, to, topicDoc[byTerm[i]]);
      if (at < to && old.docs[at] === topicDoc[byTerm[i]]) {
        inText[i] = 1;
        both++;
      }
    }
    offsets[t + 1] = offsets[t] + (to - from) + (count[t + 1] - count[t]) - both;
    work += 1 + (count[t + 1] - count[t]);
    if (work >= WORK_PER_STEP) {
      work = 0;
      yield progress;
    }
  }
  const docs = new Uint16Array(offsets[nTerms]);
  const weights = new Uint8Array(offsets[nTerms]);
  for (let t = 0; t < nTerms; t++) {
    let out = offsets[t];
    let j = textFrom(t);
    const copyTo = (stop: number) => {
      if (stop - j >= BLOCK_COPY) {
        docs.set(old.docs.subarray(j, stop), out);
        weights.set(old.weights.subarray(j, stop), out);
        out += stop - j;
        j = stop;
      }
      // A short run by hand: two views per run would be garbage by the thousand.
      while (j < stop) {
        docs[out] = old.docs[j];
        weights[out++] = old.weights[j++];
      }
    };
    for (let i = count[t]; i < count[t + 1]; i++) {
      const k = byTerm[i];
      const doc = topicDoc[k];
      copyTo(lowerBound(old.docs, j, textTo(t), doc));
      docs[out] = doc;
      weights[out++] = inText[i] ? encodeWeight(decodeWeight(old.weights[j++]) + topicWeight[k]) : encodeWeight(topicWeight[k]);
    }
    copyTo(textTo(t));
    work += 1 + (count[t + 1] - count[t]);
    if (work >= WORK_PER_STEP) {
      work = 0;
      yield progress;
    }
  }

  for (const array of [words.ids, lengths, idOf, topicDoc, topicTerm, topicWeight, count, weightOf, byTerm, place, inText]) release(array);
  table.release();
  const terms = added.length ? [...old.terms, ...added] : old.terms;
  const vocabulary = added.length ? yield* vocabularyOf(terms, progress) : segment.vocabulary;
  yield* compoundTableSteps(terms, progress);
  // Queries run one at a time, so the new segment shares the old one's scratch arrays.
  return { segment: new Segment({ keys: old.keys, terms, offsets, docs, weights }, vocabulary, undefined, segment), averages: all };
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
