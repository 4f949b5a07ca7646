/**
 * Assigns topics to papers from their title, abstract and source keywords.
 *
 * A topic's score is the sum, over its keywords that occur, of the keyword's
 * weight: ×3 when it occurs in the title, ×2 in the source's keywords, and
 * 1 to 2 for the abstract (more occurrences count, with diminishing returns).
 * The best-scoring topic is primary when it reaches {@link MIN_SCORE};
 * otherwise the paper goes to the fallback topic. Topics the source states
 * (`statedTopics`, or a keyword equal to a topic's id or label) come first,
 * ahead of anything derived.
 *
 * Keywords are compiled once per taxonomy object (kept in a WeakMap), and
 * text is matched word by word through a hash of first words, so the cost
 * per paper does not grow with the number of keywords.
 */

import type { Paper } from '../model';
import { FALLBACK_TOPIC_ID } from './defaultTaxonomy';
import { normalizeWord, parseKeyword, tokenize } from './keywords';
import type { Taxonomy, Topic } from './taxonomy';

/** What the classifier reads from a paper. */
export type ClassifiablePaper = Pick<Paper, 'title'> & Partial<Pick<Paper, 'abstract' | 'keywords' | 'statedTopics'>>;

export interface Classification {
  /** Topic id: the first stated topic, else the best-scoring one, else the fallback. */
  primary: string;
  /** Further topics, stated ones first, then derived ones by score. */
  secondary: string[];
  /** Derived score per topic id (stated topics are not scored). */
  scores: Record<string, number>;
  /** Topic ids the source stated, in the source's order. */
  stated: string[];
}

/** Lowest score a derived topic needs to be assigned. */
export const MIN_SCORE = 8;
/** A secondary topic needs at least this share of the primary's score. */
export const SECONDARY_SHARE = 0.45;
export const MAX_SECONDARY = 3;

const TITLE_FACTOR = 3;
const KEYWORDS_FACTOR = 2;

function abstractFactor(count: number): number {
  return count === 0 ? 0 : 1 + 0.5 * Math.log2(Math.min(count, 4));
}

// ---------------------------------------------------------------------------
// Compilation

interface CompiledKeyword {
  topic: number;
  /** Words after the first; `*`-suffixed ones match by prefix. */
  rest: string[];
  first: string;
  weight: number;
  phrase: string;
}

interface Compiled {
  topics: readonly Topic[];
  keywords: CompiledKeyword[];
  /** First word → keyword indices (exact first words). */
  exact: Map<string, number[]>;
  /** First three letters → keyword indices (prefix first words). */
  prefix: Map<string, number[]>;
  /** Normalized id or label → topic index, for stated topics. */
  named: Map<string, number>;
  fallback: number;
  /** Word → keywords whose first word it matches (filled lazily). */
  firstWordCache: Map<string, readonly number[]>;
  /**
   * The first three characters (see `startCode`) of every keyword's first
   * word: a word whose start is not here matches no keyword, which a table
   * lookup says faster than the cache's string hash (most words of an
   * abstract). Undefined when a keyword has a character the table cannot name.
   */
  starts?: Uint8Array;
  /** Counts reused by `classify` from paper to paper. */
  scratch?: Counts;
}

/** Characters a start code names: ASCII letters and digits, `*`, and the end of a short word. */
const START_RADIX = 39;

function startDigit(word: string, at: number): number {
  if (at >= word.length) return 38;
  const c = word.charCodeAt(at);
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 48 && c <= 57) return c - 22; // 26..35
  return c === 42 ? 36 : -1;
}

/** A number for the first three characters of `word` (as `word.slice(0, 3)` would give them), or -1 outside the table. */
function startCode(word: string): number {
  const a = startDigit(word, 0);
  const b = startDigit(word, 1);
  const c = startDigit(word, 2);
  return a < 0 || b < 0 || c < 0 ? -1 : (a * START_RADIX + b) * START_RADIX + c;
}

/** The table of keyword starts, or undefined when some first word falls outside it. */
function keywordStarts(keywords: readonly CompiledKeyword[]): Uint8Array | undefined {
  const starts = new Uint8Array(START_RADIX ** 3);
  for (const { first } of keywords) {
    const code = startCode(first);
    if (code < 0) return undefined;
    starts[code] = 1;
  }
  return starts;
}

const cache = new WeakMap<Taxonomy, Compiled>();

function nameKey(s: string): string {
  return tokenize(s).join(' ');
}

function compile(taxonomy: Taxonomy): Compiled {
  const hit = cache.get(taxonomy);
  if (hit) return hit;
  const keywords: CompiledKeyword[] = [];
  const exact = new Map<string, number[]>();
  const prefix = new Map<string, number[]>();
  const named = new Map<string, number>();
  let fallback = taxonomy.findIndex((t) => t.fallback);
  if (fallback < 0) fallback = taxonomy.findIndex((t) => t.id === FALLBACK_TOPIC_ID);

  taxonomy.forEach((topic, ti) => {
    for (const name of [topic.id, topic.label]) {
      const key = nameKey(name);
      if (key !== '' && !named.has(key)) named.set(key, ti);
    }
    for (const raw of topic.keywords) {
      const parsed = parseKeyword(raw);
      if (typeof parsed === 'string') continue; // reported by resolveTaxonomy
      const [first, ...rest] = parsed.words;
      const index = keywords.length;
      keywords.push({ topic: ti, first, rest, weight: parsed.weight, phrase: parsed.phrase });
      const map = first.endsWith('*') ? prefix : exact;
      const key = first.endsWith('*') ? first.slice(0, 3) : first;
      const list = map.get(key);
      if (list) list.push(index);
      else map.set(key, [index]);
    }
  });
  const compiled: Compiled = { topics: taxonomy, keywords, exact, prefix, named, fallback, firstWordCache: new Map(), starts: keywordStarts(keywords) };
  cache.set(taxonomy, compiled);
  return compiled;
}

function wordMatches(pattern: string, word: string | undefined): boolean {
  if (word === undefined) return false;
  if (pattern.endsWith('*')) return word.startsWith(pattern.slice(0, -1));
  return word === pattern;
}

const NONE: readonly number[] = [];
/** Words remembered per taxonomy; beyond this, candidates are computed each time. */
const MAX_CACHED_WORDS = 200_000;

/** Keywords whose first word matches `word`, memoized per taxonomy. */
function candidates(c: Compiled, word: string): readonly number[] {
  // A keyword's first word matches only words that start as it does (exactly, or up to its `*`, which comes after 3 letters at least).
  if (c.starts) {
    const code = startCode(word);
    if (code >= 0 && c.starts[code] === 0) return NONE;
  }
  const hit = c.firstWordCache.get(word);
  if (hit !== undefined) return hit;
  let list: number[] | undefined;
  const exact = c.exact.get(word);
  if (exact) list = [...exact];
  if (word.length >= 3) {
    for (const k of c.prefix.get(word.slice(0, 3)) ?? NONE) {
      if (wordMatches(c.keywords[k].first, word)) (list ??= []).push(k);
    }
  }
  const result = list ?? NONE;
  if (c.firstWordCache.size < MAX_CACHED_WORDS) c.firstWordCache.set(word, result);
  return result;
}

/** Adds 1 to `counts[k]` for every occurrence of keyword k in `words`; each k counted for the first time goes on `touched`. */
function countMatches(c: Compiled, words: string[], counts: Uint16Array, touched?: number[]): void {
  for (let i = 0; i < words.length; i++) {
    const list = candidates(c, words[i]);
    for (let n = 0; n < list.length; n++) {
      const k = list[n];
      const rest = c.keywords[k].rest;
      let ok = true;
      for (let j = 0; j < rest.length; j++) {
        if (!wordMatches(rest[j], words[i + 1 + j])) {
          ok = false;
          break;
        }
      }
      if (ok && counts[k] < 65535) {
        if (counts[k] === 0) touched?.push(k);
        counts[k]++;
      }
    }
  }
}

/** Per-keyword counts (title, abstract, source keywords, one source keyword) and per-topic scores. */
interface Counts {
  title: Uint16Array;
  abstract: Uint16Array;
  keywords: Uint16Array;
  one: Uint16Array;
  scores: Float64Array;
}

interface Evidence {
  title: Uint16Array;
  abstract: Uint16Array;
  keywords: Uint16Array;
  scores: Float64Array;
  stated: number[];
  statedHow: Map<number, string>;
}

/**
 * The counts and scores of one paper. With `scratch` (what `classify` does, once per paper of a
 * library), the arrays are the compiled taxonomy's own, cleared and reused: valid until the next call.
 */
function gather(c: Compiled, paper: ClassifiablePaper, scratch = false): Evidence {
  const n = c.keywords.length;
  const arrays = scratch ? (c.scratch ??= newCounts(n, c.topics.length)) : newCounts(n, c.topics.length);
  if (scratch) for (const array of [arrays.title, arrays.abstract, arrays.keywords, arrays.scores]) array.fill(0);
  const ev: Evidence = { title: arrays.title, abstract: arrays.abstract, keywords: arrays.keywords, scores: arrays.scores, stated: [], statedHow: new Map() };
  const state = (ti: number | undefined, how: () => string): void => {
    if (ti === undefined || ev.statedHow.has(ti)) return;
    ev.stated.push(ti);
    ev.statedHow.set(ti, how());
  };
  for (const t of paper.statedTopics ?? []) {
    if (typeof t === 'string') state(c.named.get(nameKey(t)), () => `stated by source (topics: ${t})`);
  }
  const sourceKeywords = paper.keywords ?? [];
  const keywordWords = sourceKeywords.map((k) => (typeof k === 'string' ? tokenize(k) : undefined));
  sourceKeywords.forEach((k, i) => {
    if (keywordWords[i]) state(c.named.get(keywordWords[i].join(' ')), () => `stated by source (keyword "${k}")`);
  });

  countMatches(c, tokenize(paper.title ?? ''), ev.title);
  if (paper.abstract) countMatches(c, tokenize(paper.abstract), ev.abstract);
  // Each source keyword counts a topic keyword once, however often it repeats it.
  const { one } = arrays;
  const touched: number[] = [];
  for (const words of keywordWords) {
    if (!words) continue;
    countMatches(c, words, one, touched);
    for (const i of touched) {
      ev.keywords[i] = 1;
      one[i] = 0;
    }
    touched.length = 0;
  }
  for (let k = 0; k < n; k++) {
    const kw = c.keywords[k];
    const s =
      kw.weight * ((ev.title[k] > 0 ? TITLE_FACTOR : 0) + (ev.keywords[k] > 0 ? KEYWORDS_FACTOR : 0) + abstractFactor(ev.abstract[k]));
    if (s > 0) ev.scores[kw.topic] += s;
  }
  return ev;
}

function newCounts(keywords: number, topics: number): Counts {
  return { title: new Uint16Array(keywords), abstract: new Uint16Array(keywords), keywords: new Uint16Array(keywords), one: new Uint16Array(keywords), scores: new Float64Array(topics) };
}

// ---------------------------------------------------------------------------
// Public API

/** Classifies one paper; see the module comment for the rules. */
export function classify(paper: ClassifiablePaper, taxonomy: Taxonomy): Classification {
  const c = compile(taxonomy);
  const ev = gather(c, paper, true);
  const scores: Record<string, number> = {};
  const ranked: number[] = [];
  c.topics.forEach((t, i) => {
    const s = Math.round(ev.scores[i] * 100) / 100;
    scores[t.id] = s;
    if (i !== c.fallback && s >= MIN_SCORE) ranked.push(i);
  });
  // Highest score first; ties keep taxonomy order (sort is stable).
  ranked.sort((a, b) => ev.scores[b] - ev.scores[a]);

  const stated = ev.stated.map((i) => c.topics[i].id);
  const statedSet = new Set(ev.stated);
  const derived = ranked.filter((i) => !statedSet.has(i));
  const top = derived.length > 0 ? ev.scores[derived[0]] : 0;
  const kept = derived.filter((i, n) => n === 0 || ev.scores[i] >= top * SECONDARY_SHARE).slice(0, MAX_SECONDARY + 1);
  const order = [...ev.stated, ...kept];
  let ids = order.map((i) => c.topics[i].id);
  if (ids.length === 0) ids = [c.fallback >= 0 ? c.topics[c.fallback].id : FALLBACK_TOPIC_ID];
  return { primary: ids[0], secondary: ids.slice(1), scores, stated };
}

/**
 * Why `topicId` applies (or not) to `paper`: one line per reason, such as
 * `stated by source (topics: moe)` or `"kv cache" in the title (+12)`.
 */
export function explainTopic(paper: ClassifiablePaper, topicId: string, taxonomy: Taxonomy): string[] {
  const c = compile(taxonomy);
  const ti = c.topics.findIndex((t) => t.id === topicId);
  if (ti < 0) return [`"${topicId}" is not a topic of this taxonomy`];
  const ev = gather(c, paper);
  const lines: string[] = [];
  const how = ev.statedHow.get(ti);
  if (how) lines.push(how);
  const round = (x: number): string => String(Math.round(x * 10) / 10);
  c.keywords.forEach((kw, k) => {
    if (kw.topic !== ti) return;
    const where: string[] = [];
    if (ev.title[k] > 0) where.push(`in the title (+${round(kw.weight * TITLE_FACTOR)})`);
    if (ev.keywords[k] > 0) where.push(`in the source's keywords (+${round(kw.weight * KEYWORDS_FACTOR)})`);
    if (ev.abstract[k] > 0) {
      const times = ev.abstract[k] > 1 ? ` ${ev.abstract[k]}×` : '';
      where.push(`${times.trim() ? `${times.trim()} ` : ''}in the abstract (+${round(kw.weight * abstractFactor(ev.abstract[k]))})`);
    }
    if (where.length > 0) lines.push(`"${kw.phrase}" ${where.join(', ')}`);
  });
  if (ti === c.fallback) {
    const best = Math.max(0, ...Array.from(ev.scores).filter((_, i) => i !== c.fallback));
    if (ev.stated.length === 0 && best < MIN_SCORE) {
      lines.push(`no other topic reached a score of ${MIN_SCORE} (best: ${round(best)})`);
    }
  } else if (!how) {
    lines.push(`score ${round(ev.scores[ti])} (a topic needs ${MIN_SCORE})`);
  }
  return lines;
}

/**
 * Fills each paper's `topics` (primary first) in place and returns the same
 * array. The taxonomy is compiled once for the whole batch.
 */
export function assignTopics<T extends ClassifiablePaper & { topics?: string[] }>(papers: T[], taxonomy: Taxonomy): T[] {
  for (const p of papers) {
    const r = classify(p, taxonomy);
    p.topics = [r.primary, ...r.secondary];
  }
  return papers;
}

/** Exposed for tests: a word as the classifier sees it. */
export { normalizeWord };
