/**
 * The paper record every source produces and every feature consumes.
 * Kept free of VS Code and Node APIs so the core runs in a Web Worker too.
 */

export interface Author {
  /** Family name; for a single-word or institutional name, the whole name. */
  family: string;
  given?: string;
}

/** Where a paper came from; `line` is 1-based. */
export interface SourceRef {
  /** A URI string or a path as the caller named the source. */
  source: string;
  kind: SourceKind;
  line?: number;
}

export type SourceKind = 'corpus' | 'bibtex' | 'csl-json' | 'markdown' | 'text';

export interface Paper {
  /** Citation key: the source's own key where it has one, otherwise generated. */
  key: string;
  title: string;
  authors: Author[];
  year?: number;
  venue?: string;
  /** Publisher, or the university of a thesis, when the source names it apart from the venue. */
  publisher?: string;
  volume?: string;
  issue?: string;
  /** Page range as the source writes it ("5998-6008"). */
  pages?: string;
  /** Editors of the proceedings or book a paper appeared in (when the paper has authors of its own). */
  editors?: Author[];
  /** The place of publication. */
  place?: string;
  /** The kind of thesis or report as the source states it (`phdthesis`, `Technical report`). */
  genre?: string;
  abstract?: string;
  doi?: string;
  arxiv?: string;
  url?: string;
  /** Link to code found in the abstract (e.g. a GitHub repository). */
  codeUrl?: string;
  /** Attached file path(s) from a BibTeX `file` field. */
  file?: string;
  /** Keywords or tags stated by the source. */
  keywords: string[];
  /** Topic ids stated explicitly by the source (front matter `topics`). */
  statedTopics?: string[];
  /** Filled by the topic classifier: primary first. */
  topics: string[];
  /** The BibTeX/CSL entry type, when known (article, inproceedings, ...). */
  type?: string;
  /** Other keys the same work has in other sources; each resolves to this paper. */
  aliases?: string[];
  /** True when the key was generated rather than read from the source. */
  generatedKey?: boolean;
  origin: SourceRef;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  source: string;
  /** 1-based line of the offending entry, when known. */
  line?: number;
  severity: Severity;
  message: string;
}

/** A paper as parsers hand it over, before keys and topics are assigned. */
export type DraftPaper = Omit<Paper, 'key' | 'topics'> & { key?: string; topics?: string[] };

export interface DraftParseResult {
  papers: DraftPaper[];
  problems: Problem[];
}
