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

/** Papers per step while counting words (a few milliseconds each). */
const COUNT_BATCH = 64;

/**
 * Learns the vocabulary from `papers`: stems in at least two papers (one
 * paper cannot link two) and, in larger libraries, in at most half of them
 * (those separate nothing).
 */
export function* learnVocabulary(papers: readonly DiscoverablePaper[]): Steps<{ vocabulary: Vocabulary; counts: Map<string, number>[] }> {
  const df = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  const counts: Map<string, number>[] = [];
  for (let i = 0; i < papers.length; i++) {
    const c = stemCounts(papers[i], (stem, word) => {
      let f = forms.get(stem);
      if (!f) forms.set(stem, (f = new Map()));
      if (f.size < 8 || f.has(word)) f.set(word, (f.get(word) ?? 0) + 1);
    });
    for (const stem of c.keys()) df.set(stem, (df.get(stem) ?? 0) + 1);
    counts.push(c);
    if (i % COUNT_BATCH === COUNT_BATCH - 1) yield;
  }
  const n = papers.length;
  const maxDf = n >= 20 ? Math.floor(n / 2) : n;
  const kept = [...df].filter(([, d]) => d >= 2 && d <= maxDf).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const ids = new Map<string, number>();
  const stems: string[] = [];
  const idf = new Float32Array(kept.length);
  const dfs = new Int32Array(kept.length);
  const words: string[] = [];
  kept.forEach(([stem, d], id) => {
    ids.set(stem, id);
    stems.push(stem);
    idf[id] = Math.log((n + 1) / d);
    dfs[id] = d;
    words.push(mostFrequent(forms.get(stem)) ?? stem);
  });
  yield;
  return { vocabulary: { ids, stems, idf, df: dfs, documents: n, words }, counts };
}

function mostFrequent(forms: Map<string, number> | undefined): string | undefined {
  let best: string | undefined;
  let bestCount = -1;
  for (const [word, count] of forms ?? []) {
    if (count > bestCount || (count === bestCount && best !== undefined && word < best)) {
      best = word;
      bestCount = count;
    }
  }
  return best;
}

/** The unit TF-IDF vector of weighted stem counts, over the vocabulary's terms. */
export function vectorOf(counts: ReadonlyMap<string, number>, vocabulary: Vocabulary): SparseVector {
  const entries: Array<[number, number]> = [];
  for (const [stem, count] of counts) {
    const id = vocabulary.ids.get(stem);
    if (id === undefined) continue;
    entries.push([id, (1 + Math.log(count)) * vocabulary.idf[id]]);
  }
  if (entries.length === 0) return EMPTY_VECTOR;
  if (entries.length > MAX_TERMS_PER_PAPER) {
    entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    entries.length = MAX_TERMS_PER_PAPER;
  }
  entries.sort((a, b) => a[0] - b[0]);
  let norm = 0;
  for (const [, w] of entries) norm += w * w;
  norm = Math.sqrt(norm);
  const ids = new Int32Array(entries.length);
  const weights = new Float32Array(entries.length);
  entries.forEach(([id, w], i) => {
    ids[i] = id;
    weights[i] = w / norm;
  });
  return { ids, weights };
}
