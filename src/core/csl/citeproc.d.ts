// Typings for the part of citeproc-js (the `citeproc` package) that the CSL
// renderer uses.
declare module 'citeproc' {
  interface Sys {
    retrieveItem(id: string): Record<string, unknown>;
    retrieveLocale(lang: string): string | undefined;
  }
  interface BibliographyMeta {
    bibstart: string;
    bibend: string;
    entry_ids: string[][];
  }
  class Engine {
    constructor(sys: Sys, style: string, lang?: string, forceLang?: boolean);
    opt: { development_extensions: Record<string, unknown> };
    setOutputFormat(format: string): void;
    updateItems(ids: string[]): void;
    makeBibliography(): [BibliographyMeta, string[]] | false;
  }
  const Output: { Formats: Record<string, Record<string, unknown>> & { text: Record<string, unknown> } };
}
