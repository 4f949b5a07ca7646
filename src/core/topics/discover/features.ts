/**
 * What discovery reads from a paper: its distinctive words, stemmed, as a
 * sparse TF-IDF vector of unit length.
 *
 * A paper's words are its title (counted twice: authors put the subject
 * there), its abstract and its source keywords (twice). Words are the search
 * index's words (`forEachTerm`: lower case, accents folded, stop words out),
 * stemmed with Porter2 so "bleached" and "bleaching" are one feature. Numbers,
 * two-letter words and the verbs every abstract uses ("we propose", "results
 * show") carry no subject and are left out.
 */
import type { Paper } from '../../model';
import { forEachTerm } from '../../search/tokenize';
import { stemOf } from '../../search/stems';
import type { Steps } from '../../slices';
import { orderInSteps } from '../../sortInSteps';
import { release } from '../../release';

/** What discovery reads from a paper. */
export type DiscoverablePaper = Pick<Paper, 'key' | 'title'> & Partial<Pick<Paper, 'abstract' | 'keywords'>>;

/** Words of scholarly prose that say nothing about a paper's subject (as stems). */
const FILLER = new Set(
  [
    'paper', 'propose', 'proposed', 'present', 'show', 'shows', 'result', 'results', 'method', 'methods', 'approach',
    'use', 'using', 'used', 'based', 'new', 'novel', 'also', 'study', 'studies', 'find', 'found', 'provide', 'provides',
    'demonstrate', 'achieve', 'achieves', 'significant', 'significantly', 'however', 'well', 'first', 'two', 'three',
    'one', 'different', 'work', 'further', 'furthermore', 'moreover', 'thus', 'therefore', 'whereas', 'within', 'across',
    'including', 'include', 'respectively', 'compared', 'existing', 'recent', 'recently', 'various', 'several', 'many',
    'among', 'via', 'without', 'able', 'allow', 'allows', 'make', 'makes', 'high', 'higher', 'low', 'lower', 'large',
    'small', 'increase', 'increased', 'reduce', 'reduces', 'analysis', 'effect', 'effects', 'data', 'set', 'case',
    'evidence', 'suggest', 'suggests', 'important', 'key', 'main', 'way', 'given', 'due', 'level', 'levels', 'number',
    'et', 'al', 'http', 'https', 'www', 'com', 'org', 'github', 'available', 'code', 'released', 'release', 'introduce',
  ].map((w) => stemOf(w)),
);

/** True for words that can name or separate topics. */
function informative(term: string): boolean {
  if (term.length < 3) return false;
  const c = term.charCodeAt(0);
  if (c >= 48 && c <= 57) return false; // numbers
  return !FILLER.has(stemOf(term));
}

/** Calls `each(stem, word)` for every informative word of `text`, in order. */
export function forEachStem(text: string, each: (stem: string, word: string) => void): void {
  forEachTerm(text, (term) => {
    if (informative(term)) each(stemOf(term), term);
  });
}

/**
 * A paper's stems with their weighted counts (title and keywords count
 * twice); `seen` also gets every written form, for names.
 */
export function stemCounts(paper: DiscoverablePaper, seen?: (stem: string, word: string) => void): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (weight: number) => (stem: string, word: string) => {
    counts.set(stem, (counts.get(stem) ?? 0) + weight);
    seen?.(stem, word);
  };
  forEachStem(paper.title ?? '', add(2));
  if (paper.abstract) forEachStem(paper.abstract, add(1));
  for (const k of paper.keywords ?? []) if (typeof k === 'string') forEachStem(k, add(2));
  return counts;
}

/** A unit-length sparse vector: term ids ascending, weights parallel. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float32Array;
}

export const EMPTY_VECTOR: SparseVector = { ids: new Int32Array(0), weights: new Float32Array(0) };

/** The learnt vocabulary: term id by stem, inverse document frequency by id. */
export interface Vocabulary {
  ids: Map<string, number>;
  stems: string[];
  idf: Float32Array;
  /** Documents containing each term (in the corpus the vocabulary was learnt from). */
  df: Int32Array;
  documents: number;
  /** The most frequent written form of each stem, for names ("bleaching" for "bleach"). */
  words: string[];
}

/** Terms kept per paper: the strongest ones; the rest add cost and little signal. */
export const MAX_TERMS_PER_PAPER = 48;

/** Papers per step while counting words and making vectors: under a millisecond once warm, a few while the code is cold. */
const COUNT_BATCH = 8;
const VECTOR_BATCH = 25;

function grown<T extends Int32Array | Float64Array>(array: T, size: number): T {
  // Doubling: only the word and stem tables grow this way (tens of thousands of entries).
  if (size <= array.length) return array;
  const next = new (array.constructor as { new (n: number): T })(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/**
 * Learns the vocabulary from `papers` and returns every paper's vector.
 * Kept: stems in at least two papers (one paper cannot link two) and, in
 * larger libraries, in at most half of them (those separate nothing). Each
 * distinct written word is stemmed once (a table of word → stem), and counts
 * go into typed arrays, not per-paper maps: this runs over every abstract.
 */
export function* learnFeatures(papers: readonly DiscoverablePaper[]): Steps<{ vocabulary: Vocabulary; vectors: SparseVector[] }> {
  const wordIds = new Map<string, number>();
  const words: string[] = [];
  let wordStem = new Int32Array(4096);
  let wordUses = new Int32Array(4096);
  const stemIds = new Map<string, number>();
  const stemNames: string[] = [];
  let acc = new Float64Array(4096);
  let df = new Int32Array(4096);
  const touched: number[] = [];
  // Every paper's (stem, count) pairs, one after another in chunks of fixed size (growing one big
  // array would copy it, a long pause): paper i's are in chunk[i] from start[i], length[i] of them.
  const CHUNK = 1 << 18;
  const stemChunks: Int32Array[] = [new Int32Array(CHUNK)];
  const countChunks: Float32Array[] = [new Float32Array(CHUNK)];
  const chunkOf = new Int32Array(papers.length);
  const startOf = new Int32Array(papers.length);
  const lengthOf = new Int32Array(papers.length);
  let used = 0;
  const visit = (weight: number) => (term: string): void => {
    let w = wordIds.get(term);
    if (w === undefined) {
      w = words.length;
      words.push(term);
      wordStem = grown(wordStem, w + 1);
      wordUses = grown(wordUses, w + 1);
      let s = -1;
      if (informative(term)) {
        const stem = stemOf(term);
        s = stemIds.get(stem) ?? -1;
        if (s < 0) {
          s = stemNames.length;
          stemNames.push(stem);
          stemIds.set(stem, s);
          acc = grown(acc, s + 1);
          df = grown(df, s + 1);
        }
      }
      wordStem[w] = s;
      wordIds.set(term, w);
    }
    const s = wordStem[w];
    if (s < 0) return;
    wordUses[w]++;
    if (acc[s] === 0) touched.push(s);
    acc[s] += weight;
  };
  const title = visit(2);
  const body = visit(1);
  for (let i = 0; i < papers.length; i++) {
    const paper = papers[i];
    forEachTerm(paper.title ?? '', title);
    if (paper.abstract) forEachTerm(paper.abstract, body);
    for (const k of paper.keywords ?? []) if (typeof k === 'string') forEachTerm(k, title);
    if (used + touched.length > CHUNK) {
      stemChunks.push(new Int32Array(Math.max(CHUNK, touched.length)));
      countChunks.push(new Float32Array(Math.max(CHUNK, touched.length)));
      used = 0;
    }
    const stems = stemChunks[stemChunks.length - 1];
    const counts = countChunks[countChunks.length - 1];
    chunkOf[i] = stemChunks.length - 1;
    startOf[i] = used;
    lengthOf[i] = touched.length;
    for (let t = 0; t < touched.length; t++) {
      const s = touched[t];
      stems[used + t] = s;
      counts[used + t] = acc[s];
      acc[s] = 0;
      df[s]++;
    }
    used += touched.length;
    touched.length = 0;
    if (i % COUNT_BATCH === COUNT_BATCH - 1) yield;
  }

  const n = papers.length;
  const maxDf = n >= 20 ? Math.floor(n / 2) : n;
  const candidates: number[] = [];
  for (let s = 0; s < stemNames.length; s++) {
    if (df[s] >= 2 && df[s] <= maxDf) candidates.push(s);
    if ((s & 0xffff) === 0xffff) yield;
  }
  // Term ids in stem order, so the same library gives the same ids whatever order its words came in.
  const kept = Array.from(yield* orderInSteps(candidates.length, (a, b) => stemNames[candidates[a]] < stemNames[candidates[b]]), (i) => candidates[i]);
  yield;
  const remap = new Int32Array(stemNames.length).fill(-1);
  const ids = new Map<string, number>();
  const idf = new Float32Array(kept.length);
  const dfs = new Int32Array(kept.length);
  kept.forEach((s, id) => {
    remap[s] = id;
    ids.set(stemNames[s], id);
    idf[id] = Math.log((n + 1) / df[s]);
    dfs[id] = df[s];
  });
  yield;
  // The most used written form of each stem names it (ties: the alphabetically first).
  const form = new Int32Array(kept.length).fill(-1);
  for (let w = 0; w < words.length; w++) {
    if (w % 20_000 === 19_999) yield;
    const s = wordStem[w];
    const id = s < 0 ? -1 : remap[s];
    if (id < 0) continue;
    const f = form[id];
    if (f < 0 || wordUses[w] > wordUses[f] || (wordUses[w] === wordUses[f] && words[w] < words[f])) form[id] = w;
  }
  const vocabulary: Vocabulary = { ids, stems: kept.map((s) => stemNames[s]), idf, df: dfs, documents: n, words: Array.from(form, (w, id) => (w >= 0 ? words[w] : stemNames[kept[id]])) };
  yield;

  const vectors: SparseVector[] = [];
  const pool = new VectorPool();
  const termIds: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    termIds.length = 0;
    weights.length = 0;
    const stems = stemChunks[chunkOf[i]];
    const counts = countChunks[chunkOf[i]];
    for (let t = startOf[i]; t < startOf[i] + lengthOf[i]; t++) {
      const id = remap[stems[t]];
      if (id < 0) continue;
      termIds.push(id);
      weights.push((1 + Math.log(counts[t])) * idf[id]);
    }
    vectors.push(unitVector(termIds, weights, pool));
    if (i % VECTOR_BATCH === VECTOR_BATCH - 1) yield;
  }
  // The counts are in the vectors now: 94 MB of chunks at 100k corpus-like papers, let go at once (see `release`).
  for (const chunk of [...stemChunks, ...countChunks, chunkOf, startOf, lengthOf]) release(chunk);
  return { vocabulary, vectors };
}

/**
 * The unit vector of distinct terms `ids` with `weights`, keeping the
 * `MAX_TERMS_PER_PAPER` strongest (equal weights: the lower term id first).
 * Sorts numbers in typed arrays (term id × 65536 + position) rather than
 * pairs in arrays: this runs once per paper.
 */
/**
 * Hands out vector storage as views into large shared buffers: a hundred
 * thousand papers' vectors as a few buffers rather than two hundred thousand,
 * which keeps garbage collection pauses short.
 */
class VectorPool {
  private ids = new Int32Array(0);
  private weights = new Float32Array(0);
  private used = 0;

  take(count: number): SparseVector {
    if (this.used + count > this.ids.length) {
      const size = Math.max(count, 1 << 18);
      this.ids = new Int32Array(size);
      this.weights = new Float32Array(size);
      this.used = 0;
    }
    const at = this.used;
    this.used += count;
    return { ids: this.ids.subarray(at, at + count), weights: this.weights.subarray(at, at + count) };
  }
}

/** Scratch space for `unitVector`, reused: a typed array per paper would be garbage by the hundred thousand. */
let sortScratch = new Float64Array(256);
let keyScratch = new Float64Array(256);

function unitVector(ids: readonly number[], weights: readonly number[], pool?: VectorPool): SparseVector {
  const len = ids.length;
  if (len === 0) return EMPTY_VECTOR;
  if (len > sortScratch.length) {
    sortScratch = new Float64Array(len * 2);
    keyScratch = new Float64Array(len * 2);
  }
  let chosen: number[] | undefined;
  if (len > MAX_TERMS_PER_PAPER) {
    const sorted = sortScratch.subarray(0, len);
    for (let i = 0; i < len; i++) sorted[i] = weights[i];
    sorted.sort();
    const threshold = sorted[len - MAX_TERMS_PER_PAPER];
    const ties: number[] = [];
    chosen = [];
    for (let i = 0; i < len; i++) {
      if (weights[i] > threshold) chosen.push(i);
      else if (weights[i] === threshold) ties.push(i);
    }
    ties.sort((a, b) => ids[a] - ids[b]);
    for (let t = 0; chosen.length < MAX_TERMS_PER_PAPER; t++) chosen.push(ties[t]);
  }
  const count = chosen ? chosen.length : len;
  const keys = keyScratch.subarray(0, count);
  for (let k = 0; k < count; k++) {
    const i = chosen ? chosen[k] : k;
    keys[k] = ids[i] * 65536 + i;
  }
  keys.sort();
  let norm = 0;
  for (let k = 0; k < count; k++) {
    const w = weights[keys[k] % 65536];
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  const out = pool ? pool.take(count) : { ids: new Int32Array(count), weights: new Float32Array(count) };
  for (let k = 0; k < count; k++) {
    const i = keys[k] % 65536;
    out.ids[k] = (keys[k] - i) / 65536;
    out.weights[k] = weights[i] / norm;
  }
  return out;
}

/** The unit TF-IDF vector of weighted stem counts (from `stemCounts`), over the vocabulary's terms. */
export function vectorOf(counts: ReadonlyMap<string, number>, vocabulary: Vocabulary): SparseVector {
  const ids: number[] = [];
  const weights: number[] = [];
  for (const [stem, count] of counts) {
    const id = vocabulary.ids.get(stem);
    if (id === undefined) continue;
    ids.push(id);
    weights.push((1 + Math.log(count)) * vocabulary.idf[id]);
  }
  return unitVector(ids, weights);
}
