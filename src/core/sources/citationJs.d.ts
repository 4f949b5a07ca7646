// Typings for the two @citation-js/plugin-bibtex modules the BibTeX source
// uses directly: the file grammar (text → raw entries) and the entry mapper
// (raw entries → CSL-JSON). The package ships no declarations of its own.

declare module '@citation-js/plugin-bibtex/lib/input/file.js' {
  export interface RawBibEntry {
    type: string;
    label: string;
    properties: Record<string, string | number>;
    annotations?: Record<string, Record<string, string>>;
  }
  /** Parses BibTeX text; throws a SyntaxError (with line and column) on the first syntax error. */
  export function parse(text: string): RawBibEntry[];
}

declare module '@citation-js/plugin-bibtex/lib/input/entries.js' {
  import type { RawBibEntry } from '@citation-js/plugin-bibtex/lib/input/file.js';
  /** Maps raw entries to CSL-JSON items: names split, LaTeX decoded, crossref resolved. */
  export function parse(entries: RawBibEntry[]): Array<Record<string, unknown>>;
}
