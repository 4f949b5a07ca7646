// Over 300 lines on purpose: the index's private maps and segments are read by
// its build, update, restore and query code alike; split across modules, they
// would have to be exposed. Word forms, spellings, proximity, snippets, top-k
// and segments already live in their own files beside it.
import type { Paper } from '../model';
import type { Steps } from '../slices';
import { forEachCompound } from './compounds';
import { decodeSegments, encodeSegmentPartsSteps, encodeSegments } from './savedIndex';
import { release } from '../release';
import { ShardedMap } from '../shardedMap';
import { buildSegment, decodeWeight, MAX_SEGMENT_DOCS, Segment, withTopics, type FieldAverages } from './segment';
import { proximityOf, type Proximity } from './proximity';
import { snippet } from './snippet';
import { americanSpelling } from './spelling';
import { forEachSameStem } from './stems';
import { forEachTerm, queryTerms } from './tokenize';
import { TopK } from './topK';

export { snippet } from './snippet';

export interface SearchHit {
  paper: Paper;
  score: number;
  /** A short excerpt of the abstract around the best match ("…" marks cuts). */
  snippet: string;
  /** The query's words that matched: as typed (a word or the start of one), or the word a typo was read as. */
  terms: string[];
}

/** An index searchable before its papers' topics are known, and the step that indexes them (see `SearchIndex.staged`). */
export interface StagedIndex {
  early: SearchIndex;
  finish(): Steps<SearchIndex, number>;
}

export interface SearchOptions {
  /** At most this many hits (default 50). */
  limit?: number;
}

/** Bumped whenever the indexed fields, term processing or saved layout change, so an old saved index is rebuilt. */
export const INDEX_FORMAT = 6;

/** BM25 saturation: a word's tenth occurrence adds little. */
const K1 = 1.2;
/** Saturated term weight for every stored one-byte weight, computed once. */
const SATURATED = new Float64Array(256).map((_, code) => {
  const w = decodeWeight(code);
  return (w * (K1 + 1)) / (w + K1);
});
/** A query matches at most this many words at once (one bit each). */
const MAX_QUERY_TERMS = 32;
/** More small segments than this and they are merged. */
const MAX_SMALL_SEGMENTS = 3;
/** Words at least this long may match with a typo, when they match nothing as typed. */
const FUZZY_MIN_LENGTH = 5;
/** How much another form of a word counts ("pruning" for "pruned"): less than the word itself, more than most prefixes. */
const SAME_STEM_WEIGHT = 0.7;
/** A paper with every query word scores this much more than its word scores alone. */
const ALL_WORDS_BONUS = 1.5;
/** Up to this much more for query words that stand next to each other in the paper, as in the query. */
const ADJACENCY_BONUS = 0.5;
/** How many of the best candidates get the phrase and adjacency check, at least. */
const PROXIMITY_POOL = 100;
/**
 * The postings a word being typed may expand to, over the whole index. "sp"
 * starts 3,667 words of a 100k library, in 346k postings, and scoring them
 * all took 29 ms of a keystroke; its closest words are what a user typing it
 * most likely means, and they weigh most. About 4 ms of scoring; libraries
 * under some 20k papers never reach it.
 */
const PREFIX_POSTINGS = 65_536;
/** Keys (and papers) a restore step files: a few milliseconds. */
const RESTORE_BATCH = 8192;

/** One query word and the index words it stands for, with how much each counts. */
interface QueryWord {
  terms: string[];
  weights: number[];
  /** Per segment: each term's number there (a hole where the segment lacks it). */
  ids: number[][];
  /** What `SearchHit.terms` reports for it. */
  shown: string[];
  /** The entry of the word exactly as typed, when the index has it. */
  exact?: number;
}

interface Location {
  segment: Segment;
  local: number;
}

interface Candidate {
  segment: Segment;
  local: number;
  mask: number;
}

/**
 * Full-text index over the library: title (boosted), abstract, authors,
 * keywords, topics and key, ranked with BM25F. Words match as typed or as
 * prefixes (so results follow each keystroke), and inside closed compounds
 * ("phone" in "smartphone"); a longer word that matches nothing is retried
 * with one or two typos. Papers that match more of the query rank higher
 * (see `search`); no word is required.
 *
 * Papers are held by key; the index keeps no copies of their text.
 */
export class SearchIndex {
  /** Sharded: a 100k library's maps would each rehash 65,536 entries in one step (see ShardedMap). */
  private readonly papers = new ShardedMap<Paper>();
  private readonly where = new ShardedMap<Location>();
  private segments: Segment[] = [];
  private averages?: FieldAverages;

  private constructor() {}

  static empty(): SearchIndex {
    return new SearchIndex();
  }

  /** Indexes `papers` step by step (run with `runToEnd` or `runInSlices`); yields how many papers were read so far. */
  static build(papers: readonly Paper[]): Steps<SearchIndex, number> {
    return SearchIndex.empty().update(papers);
  }

  /**
   * A first build in two stages, for a library whose topics are not known
   * yet: returns an index that searches everything but topics (`early`), and
   * `finish`, which indexes the papers as their topics are when it runs. The
   * finished index is the one `build` gives for the same papers, byte for
   * byte (`build` too indexes the text first and adds the topics after).
   * `finish` turns the early index into the finished one: each segment gets
   * its papers' topics added to its postings (`withTopics`; the text is not
   * read again) and takes its early one's place at once, so the two never
   * hold every segment's arrays together, and a search between its steps
   * finds every paper.
   * Both stages yield how many papers were read so far.
   */
  static *staged(papers: readonly Paper[]): Steps<StagedIndex, number> {
    // The last paper of a key wins, in the place of the key's first paper (as `update` orders them).
    const place = new ShardedMap<number>();
    const unique: Paper[] = [];
    for (let i = 0; i < papers.length; i++) {
      const at = place.get(papers[i].key);
      if (at === undefined) {
        place.set(papers[i].key, unique.length);
        unique.push(papers[i]);
      } else unique[at] = papers[i];
      if ((i & 0xfff) === 0xfff) yield 0;
    }
    // As `update` builds a new index: segments of MAX_SEGMENT_DOCS in order (none small enough to merge).
    const early = new SearchIndex();
    yield* early.indexInSegments(unique, (done) => done);
    yield unique.length;
    const finish = function* (): Steps<SearchIndex, number> {
      // The same segments with the topics added, in place; the first one's topics average becomes the index's.
      let averages: FieldAverages | undefined;
      for (let s = 0, start = 0; s < early.segments.length; s++, start += MAX_SEGMENT_DOCS) {
        const chunk = unique.slice(start, start + MAX_SEGMENT_DOCS);
        const old = early.segments[s];
        const done = yield* withTopics(old, chunk, early.averages ?? [], averages, start);
        averages ??= done.averages;
        early.segments[s] = done.segment;
        for (let local = 0; local < chunk.length; local++) {
          early.where.set(chunk[local].key, { segment: done.segment, local });
          if ((local & 0x3ff) === 0x3ff) yield start + local;
        }
        // Nothing reaches the early segment's postings now (a search runs whole between two steps, and no
        // other index was made from this one): they go at once, not at the next collection (see `release`).
        if (done.segment !== old) for (const array of [old.data.offsets, old.data.docs, old.data.weights]) release(array);
      }
      early.averages = averages ?? early.averages;
      yield unique.length;
      return early;
    };
    return { early, finish };
  }

  /** Restores an index saved by `toBytes`, step by step; the papers must be the ones it was built from. Throws on a foreign or damaged file. */
  static *restore(bytes: Uint8Array, papers: Iterable<Paper>): Steps<SearchIndex> {
    const index = new SearchIndex();
    const saved = yield* decodeSegments(bytes);
    index.averages = saved.averages;
    index.segments = saved.segments;
    // Two map entries per paper: at 100k papers, 70 ms in one step; a step per RESTORE_BATCH entries.
    let n = 0;
    for (const segment of saved.segments) {
      const { keys } = segment.data;
      for (let local = 0; local < keys.length; local++) {
        if (segment.live[local]) index.where.set(keys[local], { segment, local });
        if (++n % RESTORE_BATCH === 0) yield;
      }
    }
    for (const paper of papers) {
      if (index.where.has(paper.key)) index.papers.set(paper.key, paper);
      if (++n % RESTORE_BATCH === 0) yield;
    }
    if (index.papers.size !== index.where.size) throw new Error(`the saved index has ${index.where.size} papers, the library ${index.papers.size}`);
    return index;
  }

  /**
   * The index for exactly `papers` (the last of a key wins), built from this
   * one: papers whose content is unchanged keep their postings, the rest are
   * indexed anew. This index is left as it was (segments are shared, and a
   * segment that loses papers gets a fresh copy of its liveness flags), so a
   * search running between the steps always sees one whole library.
   * Yields how many papers were read so far.
   */
  *update(papers: readonly Paper[]): Steps<SearchIndex, number> {
    const next = new SearchIndex();
    next.averages = this.averages;
    const fresh = new Map<string, Paper>();
    for (let i = 0; i < papers.length; i++) {
      const paper = papers[i];
      const old = this.papers.get(paper.key);
      if (old && !fresh.has(paper.key) && sameContent(old, paper)) next.papers.set(paper.key, paper);
      else {
        next.papers.delete(paper.key);
        fresh.set(paper.key, paper);
      }
      if ((i & 0x3ff) === 0x3ff) yield 0;
    }
    for (const segment of this.segments) {
      const view = yield* next.keepLive(segment);
      if (view) next.segments.push(view);
    }
    const added = [...fresh.values()];
    yield* next.indexInSegments(added, (done) => done);
    yield* next.mergeSmallSegments(added.length);
    return next;
  }

  /** The part of an old segment this index keeps (its papers still held here); undefined when none. */
  private *keepLive(segment: Segment): Steps<Segment | undefined, number> {
    const { keys } = segment.data;
    const live = new Uint8Array(keys.length);
    let count = 0;
    for (let local = 0; local < keys.length; local++) {
      if (segment.live[local] && this.papers.has(keys[local]) && !this.where.has(keys[local])) {
        live[local] = 1;
        count++;
        // Claimed now, so a key held twice in old segments keeps only its first live copy.
        this.where.set(keys[local], { segment, local });
      }
      if ((local & 0xfff) === 0xfff) yield 0;
    }
    if (count === 0) return undefined;
    if (count === segment.liveCount) return segment;
    const view = segment.withLive(live, count);
    for (let local = 0; local < keys.length; local++) {
      if (live[local]) this.where.set(keys[local], { segment: view, local });
      if ((local & 0xfff) === 0xfff) yield 0;
    }
    return view;
  }

  /** The index in a compact binary form (little-endian typed arrays behind a JSON header). */
  toBytes(): Uint8Array {
    return encodeSegments(this.segments, this.averages ?? []);
  }

  /** `toBytes` step by step, as pieces to write one after another, most of them views of the index's own arrays (no copy). */
  toBytePartsSteps(): Steps<Uint8Array[]> {
    return encodeSegmentPartsSteps(this.segments, this.averages ?? []);
  }

  get size(): number {
    return this.papers.size;
  }

  /** How many segments the index is in (the log reports it after each update). */
  get segmentCount(): number {
    return this.segments.length;
  }

  get(key: string): Paper | undefined {
    return this.papers.get(key);
  }

  all(): IterableIterator<Paper> {
    return this.papers.values();
  }

  /**
   * Ranked hits for a query. Papers with more of the query's words (counted
   * by how rare each word is) rank higher, those with all of them get a bonus,
   * and those where the words stand together as in the query get another;
   * papers that contain the query as a phrase come first.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const typed = queryTerms(query).slice(0, MAX_QUERY_TERMS);
    // The last word may still be being typed, unless a space or punctuation follows it.
    const lastComplete = /[^\p{L}\p{N}]$/u.test(query);
    const words = typed.map((term, i) => this.expand(term, lastComplete || i < typed.length - 1));
    if (words.length === 0) return [];
    return this.rank(words, options.limit ?? 50, proximityOf(typed));
  }

  /** The papers most similar to the given one: its title (counted twice) and abstract as an any-word query. */
  related(key: string, limit = 10): SearchHit[] {
    const paper = this.papers.get(key);
    if (!paper) return [];
    const counts = new Map<string, number>();
    const add = (term: string) => {
      const word = americanSpelling(term);
      counts.set(word, (counts.get(word) ?? 0) + 1);
    };
    forEachTerm(`${paper.title} ${paper.title} ${(paper.abstract ?? '').slice(0, 600)}`, add);
    const words: QueryWord[] = [...counts].map(([term, count]) => ({
      terms: [term],
      weights: [count],
      ids: this.segments.map((segment) => {
        const id = segment.vocabulary.get(term);
        return id === undefined ? [] : [id];
      }),
      shown: [term],
    }));
    return this.rank(words, limit, undefined, key);
  }

  /** The index words a query word stands for: itself, words it starts, other forms of it, or (failing all) near misses. */
  private expand(term: string, complete: boolean): QueryWord {
    const word: QueryWord = { terms: [], weights: [], ids: this.segments.map(() => []), shown: [term] };
    const position = new Map<string, number>();
    const note = (s: number, found: string, id: number, weight: number) => {
      let e = position.get(found);
      if (e === undefined) {
        e = word.terms.length;
        position.set(found, e);
        word.terms.push(found);
        word.weights.push(weight);
      } else {
        word.weights[e] = Math.max(word.weights[e], weight);
      }
      word.ids[s][e] = id;
      if (found === term) word.exact = e;
    };
    const starting = this.wordsStarting(term);
    this.segments.forEach((segment, s) => {
      if (term.length < 2) {
        const id = segment.vocabulary.get(term);
        if (id !== undefined) note(s, term, id, 1);
        return;
      }
      for (const [found, id] of starting[s]) {
        // A longer word counts for less: "spar" means "sparse" more surely than "sparsification".
        note(s, found, id, found === term ? 1 : 0.5 * (term.length / found.length));
      }
      forEachSameStem(segment.vocabulary, term, (found, id) => {
        // While a word is being typed, a longer word it starts ("squeeze" for "squeez") keeps its prefix weight.
        if (!complete && found.startsWith(term)) return;
        note(s, found, id, SAME_STEM_WEIGHT);
        if (!word.shown.includes(found)) word.shown.push(found);
      });
      forEachCompound(segment.data.terms, term, (found, id) => {
        // Counted like a prefix match: the longer the compound, the less it says about the word.
        note(s, found, id, 0.5 * (term.length / found.length));
        if (!word.shown.includes(found)) word.shown.push(found);
      });
    });
    if (word.terms.length === 0 && term.length >= FUZZY_MIN_LENGTH) {
      const maxTypos = term.length >= 8 ? 2 : 1;
      this.segments.forEach((segment, s) => {
        for (const [found, [id, distance]] of segment.vocabulary.fuzzyGet(term, maxTypos)) note(s, found, id, 0.5 * (1 - distance / term.length));
      });
      word.shown = word.terms;
    }
    return word;
  }

  /**
   * Per segment, the words that start with `term` (itself included), as
   * [word, number]. When they hold more than PREFIX_POSTINGS postings in all,
   * only the closest are kept: the fewest letters more first, then the most
   * common, until the postings are spent (the word itself always). The same
   * words in every segment, so each ranks alike.
   */
  private wordsStarting(term: string): Array<Array<[string, number]>> {
    if (term.length < 2) return this.segments.map(() => []);
    const found = this.segments.map((segment) => [...segment.vocabulary.atPrefix(term)]);
    const postings = new Map<string, number>();
    let total = 0;
    found.forEach((words, s) => {
      const { offsets } = this.segments[s].data;
      for (const [word, id] of words) {
        const n = offsets[id + 1] - offsets[id];
        postings.set(word, (postings.get(word) ?? 0) + n);
        total += n;
      }
    });
    if (total <= PREFIX_POSTINGS) return found;
    const closest = [...postings.keys()].sort((a, b) => a.length - b.length || postings.get(b)! - postings.get(a)! || (a < b ? -1 : 1));
    const kept = new Set<string>();
    let spent = postings.get(term) ?? 0;
    if (postings.has(term)) kept.add(term);
    for (const word of closest) {
      if (word === term) continue;
      spent += postings.get(word)!;
      if (spent > PREFIX_POSTINGS && kept.size > 0) break;
      kept.add(word);
    }
    return found.map((words) => words.filter(([word]) => kept.has(word)));
  }

  /**
   * BM25F over the expanded words. With `proximity` (a typed query), each
   * paper's score is scaled by the share of the query it matches (words
   * weighted by rarity, squared), with a bonus for all words; the best
   * candidates then get the adjacency bonus, and phrase matches go first.
   * Without it (related papers), a plain any-word BM25F.
   */
  private rank(words: QueryWord[], limit: number, proximity: Proximity | undefined, exclude?: string): SearchHit[] {
    const total = Math.max(1, this.papers.size);
    const idf = (df: number) => Math.log(1 + (total - Math.min(df, total) + 0.5) / (Math.min(df, total) + 0.5));
    // Document frequencies are summed over segments, so every segment ranks alike.
    const frequencies = words.map((word) => word.weights.map((_, e) => {
      let df = 0;
      this.segments.forEach((segment, s) => {
        const id = word.ids[s][e];
        if (id !== undefined) df += segment.data.offsets[id + 1] - segment.data.offsets[id];
      });
      return df;
    }));
    // Another form or a longer word counts at most as much as the word typed, however rare it is ("pruned" for "pruning").
    const factors = words.map((word, w) => {
      const cap = word.exact === undefined ? Infinity : idf(frequencies[w][word.exact]);
      return word.weights.map((weight, e) => weight * Math.min(cap, idf(frequencies[w][e])));
    });
    // How much each query word tells: the idf of its most specific match (a word matching nothing tells the most).
    const information = frequencies.map((dfs) => idf(dfs.length ? Math.min(...dfs) : 0));
    const allInformation = information.reduce((a, b) => a + b, 0) || 1;
    const everyWord = words.length >= 32 ? 0xffffffff : (1 << words.length) - 1;
    const coverage = (mask: number) => {
      if (mask === everyWord) return ALL_WORDS_BONUS;
      let matched = 0;
      for (let w = 0; w < words.length; w++) if (mask & (1 << Math.min(w, 31))) matched += information[w];
      const share = matched / allInformation;
      return share * share;
    };
    // Up to 10 words, every mask's factor is looked up rather than summed per paper.
    const byMask = words.length <= 10 ? Float64Array.from({ length: 1 << words.length }, (_, mask) => coverage(mask)) : undefined;
    const best = new TopK<Candidate>(proximity ? Math.max(limit, PROXIMITY_POOL) : limit);
    this.segments.forEach((segment, s) => {
      if (segment.liveCount === 0) return;
      const { offsets, docs, weights } = segment.data;
      const { scores, masks, touched, live } = segment;
      let nTouched = 0;
      for (let w = 0; w < words.length; w++) {
        const bit = 1 << Math.min(w, 31);
        const ids = words[w].ids[s];
        for (let e = 0; e < ids.length; e++) {
          const id = ids[e];
          if (id === undefined) continue;
          const factor = factors[w][e];
          for (let j = offsets[id], end = offsets[id + 1]; j < end; j++) {
            const doc = docs[j];
            if (masks[doc] === 0) touched[nTouched++] = doc;
            masks[doc] |= bit;
            scores[doc] += factor * SATURATED[weights[j]];
          }
        }
      }
      for (let t = 0; t < nTouched; t++) {
        const doc = touched[t];
        const mask = masks[doc];
        const score = proximity ? scores[doc] * (byMask ? byMask[mask] : coverage(mask)) : scores[doc];
        scores[doc] = 0;
        masks[doc] = 0;
        if (!live[doc] || (exclude !== undefined && segment.data.keys[doc] === exclude)) continue;
        if (best.accepts(score)) best.offer(score, { segment, local: doc, mask });
      }
    });
    let ranked = best.sorted().map(({ score, item }) => ({ score, item, paper: this.papers.get(item.segment.data.keys[item.local]) }));
    if (proximity) {
      const checked = ranked.map((r) => {
        const together = r.paper && r.item.mask === everyWord ? proximity.pairs(r.paper) : 0;
        return { ...r, score: r.score * (1 + ADJACENCY_BONUS * together), phrase: together === 1 && !!r.paper && proximity.phrase(r.paper) };
      });
      // Phrase matches first: lifted above every other candidate's score, keeping their own order.
      const lift = Math.max(0, ...checked.map((r) => r.score));
      ranked = checked.map((r) => ({ ...r, score: r.phrase ? r.score + lift : r.score })).sort((a, b) => b.score - a.score).slice(0, limit);
    }
    const hits: SearchHit[] = [];
    for (const { score, item, paper } of ranked) {
      if (!paper) continue;
      const terms = words.flatMap((word, i) => (item.mask & (1 << Math.min(i, 31)) ? word.shown : []));
      hits.push({ paper, score, terms, snippet: snippet(paper.abstract ?? '', terms) });
    }
    return hits;
  }

  /** Indexes papers as new segments of at most MAX_SEGMENT_DOCS; yields `progress(papers read so far)`. */
  private *indexInSegments(papers: readonly Paper[], progress: (done: number) => number): Generator<number, void> {
    for (let start = 0; start < papers.length; start += MAX_SEGMENT_DOCS) {
      const chunk = papers.slice(start, start + MAX_SEGMENT_DOCS);
      yield* this.addSegment(chunk, buildSegment(chunk, this.averages), (done) => progress(start + done));
    }
  }

  /** Adds the segment `steps` build over `papers` (the first segment's averages become the index's). */
  private *addSegment(papers: readonly Paper[], steps: ReturnType<typeof buildSegment>, progress: (done: number) => number): Generator<number, void> {
    let step = steps.next();
    for (; !step.done; step = steps.next()) yield progress(step.value);
    this.averages ??= step.value.averages;
    this.segments.push(step.value.segment);
    for (let local = 0; local < papers.length; local++) {
      this.where.set(papers[local].key, { segment: step.value.segment, local });
      this.papers.set(papers[local].key, papers[local]);
      if ((local & 0x3ff) === 0x3ff) yield progress(papers.length);
    }
  }

  /**
   * Small segments pile up as files change; past a few, their current papers
   * are re-indexed together, which also drops removed papers for good.
   */
  private *mergeSmallSegments(progress: number): Generator<number, void> {
    const small = this.segments.filter((s) => s.liveCount < MAX_SEGMENT_DOCS / 2);
    if (small.length <= MAX_SMALL_SEGMENTS) return;
    const papers: Paper[] = [];
    for (const segment of small) {
      segment.data.keys.forEach((key, local) => {
        if (segment.live[local]) papers.push(this.papers.get(key) as Paper);
      });
    }
    this.segments = this.segments.filter((s) => !small.includes(s));
    yield* this.indexInSegments(papers, () => progress);
  }
}

/**
 * Content signatures, computed once per paper object, so an unchanged paper
 * is recognised on every later update: the length of the paper's JSON and
 * two 32-bit hashes of it. The JSON itself, kept, was a second copy of the
 * library's text (at 20k papers, 55 MB more heap after the first edit of any
 * file; a reload makes every paper anew).
 */
const signatures = new WeakMap<Paper, string>();

function signature(paper: Paper): string {
  let value = signatures.get(paper);
  if (value === undefined) signatures.set(paper, (value = hashed(JSON.stringify(paper))));
  return value;
}

/** `text`'s length and two independent 32-bit hashes (FNV-1a, and a multiply-rotate hash). */
function hashed(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return `${text.length}:${a >>> 0}:${b >>> 0}`;
}

function sameContent(a: Paper, b: Paper): boolean {
  return a === b || signature(a) === signature(b);
}
