import { lineStarts } from './mask';
import { scanCitations } from './scan';
import type { CitationSyntax } from './types';

export interface CitingDocument {
  /** The caller's id for the document (a URI string). */
  id: string;
  text: string;
  syntax: CitationSyntax;
}

/** A cited key's place: 0-based line and character, as editors count. */
export interface CitationPlace {
  id: string;
  line: number;
  character: number;
  length: number;
}

interface Entry {
  starts: number[];
  /** Key → offsets where it is cited. */
  keys: Map<string, number[]>;
}

/**
 * Which documents cite which keys, and where: the data behind Find All
 * References and "cited in n documents". Documents are added one step at a
 * time (`addSteps`), so a workspace scan can run in slices.
 */
export class CitationIndex {
  private readonly documents = new Map<string, Entry>();

  get size(): number {
    return this.documents.size;
  }

  has(id: string): boolean {
    return this.documents.has(id);
  }

  set(document: CitingDocument): void {
    const keys = new Map<string, number[]>();
    for (const citation of scanCitations(document.text, document.syntax)) {
      for (const key of citation.keys) {
        const offsets = keys.get(key.key);
        if (offsets) offsets.push(key.start);
        else keys.set(key.key, [key.start]);
      }
    }
    this.documents.set(document.id, { starts: keys.size ? lineStarts(document.text) : [], keys });
  }

  delete(id: string): void {
    this.documents.delete(id);
  }

  /** Indexes documents one by one, yielding after each (for `runInSlices`). */
  *addSteps(documents: Iterable<CitingDocument>): Generator<number, void> {
    let done = 0;
    for (const document of documents) {
      this.set(document);
      yield ++done;
    }
  }

  /** Every place one of `keys` is cited, by document then position. */
  places(keys: ReadonlySet<string>): CitationPlace[] {
    const out: CitationPlace[] = [];
    for (const [id, entry] of this.documents) {
      for (const key of keys) {
        for (const offset of entry.keys.get(key) ?? []) {
          const line = lineAt(entry.starts, offset);
          out.push({ id, line, character: offset - entry.starts[line], length: key.length });
        }
      }
    }
    return out.sort((a, b) => a.id.localeCompare(b.id) || a.line - b.line || a.character - b.character);
  }

  /** Every key cited anywhere, in no particular order. */
  allKeys(): Set<string> {
    const keys = new Set<string>();
    for (const entry of this.documents.values()) for (const key of entry.keys.keys()) keys.add(key);
    return keys;
  }

  /**
   * How many documents cite each paper. `paperOf` maps a cited key (or an
   * alias) to its paper's key, so a document citing a paper by two of its
   * keys counts once.
   */
  documentCounts(paperOf: (key: string) => string | undefined): Map<string, number> {
    const counts = new Map<string, number>();
    for (const entry of this.documents.values()) {
      const papers = new Set<string>();
      for (const key of entry.keys.keys()) {
        const paper = paperOf(key);
        if (paper) papers.add(paper);
      }
      for (const paper of papers) counts.set(paper, (counts.get(paper) ?? 0) + 1);
    }
    return counts;
  }
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
