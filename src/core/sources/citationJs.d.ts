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

// The pieces of the entry mapper the fast value reader (bibFastValues.ts) uses:
// the per-field value grammar, the name orderer, the field types, the
// mapping of parsed values to CSL, and the parser's options.
declare module '@citation-js/plugin-bibtex/lib/input/value.js' {
  /** One field's raw text through the field grammar: text, a list of texts, or CSL names. */
  export function parse(text: string, field: string, languages?: unknown): unknown;
  export function parseAnnotation(text: string): unknown;
}

declare module '@citation-js/plugin-bibtex/lib/input/name.js' {
  export interface NamePart {
    value: string;
    upperCase: boolean | null;
    hyphenated?: boolean;
    label?: string;
  }
  export function getStringCase(text: string): boolean | null;
  export function orderNamePieces(pieces: NamePart[][]): Record<string, string>;
}

declare module '@citation-js/plugin-bibtex/lib/input/constants.js' {
  export const fieldTypes: Record<string, [string, string] | undefined>;
  export const ligatures: Record<string, string>;
  /** The macros every file has (months, some journal names), lower case. */
  export const defaultStrings: Record<string, string>;
}

declare module '@citation-js/plugin-bibtex/lib/mapping/index.js' {
  /** Entries whose values went through the field grammar → CSL items (BibLaTeX mapping, crossref resolved). */
  export function parse(entries: Array<{ type: string; label: string; properties: Record<string, unknown> }>): Array<Record<string, unknown>>;
}

declare module '@citation-js/plugin-bibtex/lib/config.js' {
  const config: { parse: { strict: boolean; sentenceCase: string } };
  export default config;
}
