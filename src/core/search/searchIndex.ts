import MiniSearch, { type SearchResult as MiniSearchResult } from 'minisearch';
import type { Paper } from '../model';
import { STOP_WORDS } from '../text';

export interface SearchHit {
  paper: Paper;
  score: number;
  /** A short excerpt of the abstract around the best match ("…" marks cuts). */
  snippet: string;
  /** The document terms that matched, lower case. */
  terms: string[];
}

export interface SearchOptions {
  /** At most this many hits (default 50). */
  limit?: number;
}

/** Bumped whenever the indexed fields or term processing change, so an old saved index is rebuilt. */
export const INDEX_FORMAT = 3;

const FIELDS = ['title', 'abstract', 'authors', 'keywords', 'topics', 'key'] as const;
type Field = (typeof FIELDS)[number];

function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return lower.length < 2 && !/\d/.test(lower) ? null : STOP_WORDS.has(lower) ? null : lower;
}

function fieldOf(paper: Paper, field: string): string {
  switch (field as Field | 'id') {
    case 'id': return paper.key;
    case 'title': return paper.title;
    case 'abstract': return paper.abstract ?? '';
    case 'authors': return paper.authors.map((a) => `${a.given ?? ''} ${a.family}`).join(' ');
    case 'keywords': return paper.keywords.join(' ');
    case 'topics': return paper.topics.join(' ').replace(/-/g, ' ');
    case 'key': return paper.key;
    default: return '';
  }
}

function miniSearchOptions() {
  return {
    idField: 'id',
    fields: [...FIELDS],
    storeFields: [],
    extractField: (doc: Paper, field: string) => fieldOf(doc, field),
    processTerm,
    searchOptions: {
      boost: { title: 3, key: 2, authors: 1.5, keywords: 1.5, topics: 1, abstract: 1 },
      // Prefix matching follows the user as they type; fuzzy only for longer
      // words, where a typo is likelier than a different word.
      prefix: (term: string) => term.length >= 2,
      fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
      maxFuzzy: 2,
    },
  };
}

/**
 * Full-text index over the library: title (boosted), abstract, authors,
 * keywords, topics and key, with BM25 ranking from MiniSearch. Papers are
 * held by key; the index stores no copies of the text.
 */
export class SearchIndex {
  private readonly papers = new Map<string, Paper>();

  private constructor(private readonly index: MiniSearch<Paper>) {}

  static create(): SearchIndex {
    return new SearchIndex(new MiniSearch<Paper>(miniSearchOptions()));
  }

  static build(papers: Iterable<Paper>): SearchIndex {
    const index = SearchIndex.create();
    index.addAll(papers);
    return index;
  }

  /**
   * Builds in time slices (about `sliceMs` of work each), yielding to the
   * event loop between them, so a large library never blocks the host for long.
   */
  static async buildInSlices(papers: Paper[], onProgress?: (done: number, total: number) => void, sliceMs = 15): Promise<SearchIndex> {
    const index = SearchIndex.create();
    let next = 0;
    while (next < papers.length) {
      const started = Date.now();
      const batch: Paper[] = [];
      // Papers are added in small batches until the slice's time is spent (at least one batch per slice).
      do {
        batch.length = 0;
        for (const end = Math.min(next + 20, papers.length); next < end; next++) batch.push(papers[next]);
        index.addAll(batch);
      } while (next < papers.length && Date.now() - started < sliceMs);
      onProgress?.(next, papers.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return index;
  }

  /** Restores an index saved by `toJSON`; the papers must be the ones it was built from. */
  static fromJSON(json: string, papers: Iterable<Paper>): SearchIndex {
    const index = new SearchIndex(MiniSearch.loadJSON<Paper>(json, miniSearchOptions()));
    for (const paper of papers) index.papers.set(paper.key, paper);
    return index;
  }

  toJSON(): string {
    return JSON.stringify(this.index);
  }

  get size(): number {
    return this.papers.size;
  }

  get(key: string): Paper | undefined {
    return this.papers.get(key);
  }

  all(): IterableIterator<Paper> {
    return this.papers.values();
  }

  addAll(papers: Iterable<Paper>): void {
    const fresh: Paper[] = [];
    for (const paper of papers) {
      if (this.papers.has(paper.key)) this.index.discard(paper.key);
      this.papers.set(paper.key, paper);
      fresh.push(paper);
    }
    this.index.addAll(fresh);
  }

  /** Swaps in a new object for a paper whose indexed content is unchanged, without re-indexing it. */
  hold(paper: Paper): void {
    if (this.papers.has(paper.key)) this.papers.set(paper.key, paper);
  }

  remove(key: string): void {
    if (!this.papers.delete(key)) return;
    this.index.discard(key);
  }

  /**
   * Ranked hits for a query. All words must match (as prefixes, or fuzzily
   * for long words); if that finds nothing, any word may match.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 50;
    if (!query.trim()) return [];
    let results = this.index.search(query, { combineWith: 'AND' });
    if (results.length === 0) results = this.index.search(query, { combineWith: 'OR' });
    return this.toHits(results, limit);
  }

  /** The papers most similar to the given one: its title and abstract used as a query, BM25-ranked. */
  related(key: string, limit = 10): SearchHit[] {
    const paper = this.papers.get(key);
    if (!paper) return [];
    const text = `${paper.title} ${paper.title} ${(paper.abstract ?? '').slice(0, 600)}`;
    const results = this.index.search(text, { combineWith: 'OR', prefix: false, fuzzy: false, filter: (r) => r.id !== key });
    return this.toHits(results, limit);
  }

  private toHits(results: MiniSearchResult[], limit: number): SearchHit[] {
    const hits: SearchHit[] = [];
    for (const result of results) {
      const paper = this.papers.get(result.id as string);
      if (!paper) continue;
      hits.push({ paper, score: result.score, terms: result.terms, snippet: snippet(paper.abstract ?? '', result.terms) });
      if (hits.length >= limit) break;
    }
    return hits;
  }
}

/** About `width` characters of `text` around the first occurrence of any term, cut at word boundaries. */
export function snippet(text: string, terms: string[], width = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  const lower = flat.toLowerCase();
  let at = -1;
  for (const term of terms) {
    const re = new RegExp(`(^|[^a-z0-9])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    const m = re.exec(lower);
    if (m && (at < 0 || m.index < at)) at = m.index + m[1].length;
  }
  if (at < 0) at = 0;
  let start = Math.max(0, at - Math.floor(width / 3));
  let end = Math.min(flat.length, start + width);
  start = Math.max(0, end - width);
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  if (end < flat.length) end = flat.lastIndexOf(' ', end) > start ? flat.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
