import type { SourceKind } from '../model';

const KINDS: Record<string, SourceKind> = {
  bib: 'bibtex',
  bibtex: 'bibtex',
  json: 'csl-json',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'corpus',
};

/**
 * The source kind a path or URI string names by its extension, or undefined
 * when LitNotes cannot read it. Apart from the parsers, so the extension
 * host can ask without loading them (they are a bundle of their own).
 */
export function sourceKindOf(path: string): SourceKind | undefined {
  const name = String(path ?? '').replace(/[?#].*$/, '');
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  if (dot < 0) {
    return undefined;
  }
  return KINDS[base.slice(dot + 1).toLowerCase()];
}

