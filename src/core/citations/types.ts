/** The citation syntaxes LitNotes reads: pandoc Markdown (also Quarto and R Markdown), LaTeX, Typst. */
export type CitationSyntax = 'pandoc' | 'latex' | 'typst';

/** One cited key; `start`/`end` are offsets of the key's own text (no `@`, braces or `<>`). */
export interface CitedKey {
  key: string;
  start: number;
  end: number;
}

/**
 * One citation as written: a bracketed pandoc group `[@a; @b]`, a narrative
 * `@a`, a LaTeX `\cite…{a,b}` or a Typst `@a` / `#cite(<a>)`. `start`/`end`
 * span the whole citation; `listEnd` is where a new key may be added to it
 * (before `]` or `}`), for groups that take more keys.
 */
export interface Citation {
  form: 'bracketed' | 'narrative' | 'command' | 'reference';
  start: number;
  end: number;
  keys: CitedKey[];
  listEnd?: number;
}
