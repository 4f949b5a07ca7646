/**
 * A paper's own fields (title, abstract, authors, keywords) read for the
 * index in the parse worker, beside the parse, so the host does not read
 * them again: reading text is most of an index build, and the workers run
 * on the other cores while the host waits for them anyway.
 *
 * The worker numbers words per file (`WordReader`); each chunk of papers it
 * sends carries the words new since the last chunk and every paper's term
 * numbers. The host keeps them per file (`PrereadFile`) and, for a first
 * build, by key (`PrereadTexts`): the index takes a paper's words from there
 * when its fields are still exactly the parsed ones (a merge may have filled
 * some in from another entry), and reads the paper itself otherwise. Either
 * way, the same words in the same order: the index is the same.
 */
import type { DraftPaper, Paper } from '../model';
import { fieldText, PREREAD_FIELDS } from './segment';
import { TermList, TermTable } from './termTable';

/** What a chunk of papers carries: the words new since the last chunk, the papers' term numbers, and per paper and field how many. */
export interface ChunkWords {
  words: string[];
  ids: Uint32Array;
  lengths: Uint32Array;
}

/** The worker's side: reads papers' fields, numbering words per file. */
export class WordReader {
  private readonly table = new TermTable();
  private sent = 0;
  private readonly ids = new TermList();
  private lengths: number[] = [];

  add(paper: DraftPaper): void {
    for (let field = 0; field < PREREAD_FIELDS; field++) this.lengths.push(this.table.read(fieldText(paper as Paper, field), this.ids));
  }

  /** The words of the papers added since the last call. */
  take(): ChunkWords {
    const words = this.table.terms.slice(this.sent);
    this.sent = this.table.terms.length;
    const ids = this.ids.ids.slice(0, this.ids.count);
    this.ids.count = 0;
    const lengths = Uint32Array.from(this.lengths);
    this.lengths = [];
    return { words, ids, lengths };
  }
}

/** One paper's fields as a worker read them: term numbers into its file's words. */
export interface PaperWords {
  draft: DraftPaper;
  /** The file's words, by the worker's numbers. */
  words: readonly string[];
  ids: Uint32Array;
  /** Per field (PREREAD_FIELDS), how many of `ids`. */
  lengths: Uint32Array;
}

/** The host's side, per file: each paper's words, from the chunks in order. */
export class PrereadFile {
  readonly words: string[] = [];
  readonly papers: PaperWords[] = [];

  add(papers: readonly DraftPaper[], chunk: ChunkWords): void {
    for (const word of chunk.words) this.words.push(word);
    let at = 0;
    papers.forEach((draft, i) => {
      const lengths = chunk.lengths.subarray(i * PREREAD_FIELDS, (i + 1) * PREREAD_FIELDS);
      let count = 0;
      for (const length of lengths) count += length;
      this.papers.push({ draft, words: this.words, ids: chunk.ids.subarray(at, at + count), lengths });
      at += count;
    });
  }
}

/** A first build's pre-read papers, by key (the first file's wins, as in a merge). */
export class PrereadTexts {
  private readonly byKey = new Map<string, PaperWords>();

  addFile(file: PrereadFile): void {
    for (const paper of file.papers) {
      const key = paper.draft.key;
      if (key !== undefined && !this.byKey.has(key)) this.byKey.set(key, paper);
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The words of `paper`, when its fields are still the ones that were read. */
  of(paper: Paper): PaperWords | undefined {
    const read = this.byKey.get(paper.key);
    if (!read) return undefined;
    const draft = read.draft;
    const same = draft.title === paper.title && draft.abstract === paper.abstract && draft.authors === paper.authors
      && draft.keywords.length === paper.keywords.length && draft.keywords.every((k, i) => k === paper.keywords[i]);
    return same ? read : undefined;
  }
}
