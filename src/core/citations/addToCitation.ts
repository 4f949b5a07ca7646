import { typstCite } from '../render/citations';
import { scanCitations } from './scan';
import type { CitationSyntax } from './types';

export interface CitationEdit {
  /** Offset to insert at. */
  at: number;
  text: string;
}

/**
 * When the cursor is inside a citation, how to add keys to it instead of
 * nesting a second one: `[@a]` becomes `[@a; @b]`, `\cite{a}` becomes
 * `\cite{a,b}` (following the separator already used). A citation that
 * takes no more keys (`@a`, a Typst reference) gets the new ones right after
 * it. Keys already cited there are not repeated. Undefined outside citations,
 * or when there is nothing new to add.
 */
export function addToCitation(text: string, offset: number, syntax: CitationSyntax, keys: string[]): CitationEdit | undefined {
  const citation = scanCitations(text, syntax).find((c) => c.start < offset && offset < c.end);
  if (!citation) return undefined;
  const fresh = keys.filter((k, i) => keys.indexOf(k) === i && !citation.keys.some((c) => c.key === k));
  if (fresh.length === 0) return { at: offset, text: '' };
  if (citation.listEnd !== undefined && citation.form !== 'narrative') {
    if (syntax === 'pandoc') return { at: citation.listEnd, text: fresh.map((k) => `; @${k}`).join('') };
    if (syntax === 'latex') {
      const last = citation.keys[citation.keys.length - 1];
      const separator = citation.keys.length > 1 && text.slice(citation.keys[0].end, citation.keys[1].start).includes(' ') ? ', ' : ',';
      const empty = !last || last.end < text.lastIndexOf('{', citation.listEnd) ;
      return { at: empty ? citation.listEnd : last.end, text: (empty ? '' : separator) + fresh.join(separator) };
    }
  }
  const added = syntax === 'pandoc' ? `[${fresh.map((k) => `@${k}`).join('; ')}]` : syntax === 'typst' ? fresh.map(typstCite).join(' ') : `\\cite{${fresh.join(',')}}`;
  return { at: citation.end, text: ` ${added}` };
}
