import { scanLatex } from './latex';
import { scanPandoc } from './pandoc';
import { scanTypst } from './typst';
import type { Citation, CitationSyntax, CitedKey } from './types';

/** Every citation in a document, in order, each key with its exact range. Never throws. */
export function scanCitations(text: string, syntax: CitationSyntax): Citation[] {
  switch (syntax) {
    case 'pandoc': return scanPandoc(text);
    case 'latex': return scanLatex(text);
    case 'typst': return scanTypst(text);
  }
}

/** The keys of citations, in document order. */
export function citedKeys(citations: readonly Citation[]): CitedKey[] {
  return citations.flatMap((c) => c.keys);
}

/** The cited key whose range holds `offset` (its ends included, so a cursor just after a key finds it). */
export function keyAt(citations: readonly Citation[], offset: number): CitedKey | undefined {
  let lo = 0;
  let hi = citations.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = citations[mid];
    if (c.end < offset) lo = mid + 1;
    else if (c.start > offset) hi = mid - 1;
    else return c.keys.find((k) => k.start <= offset && offset <= k.end);
  }
  return undefined;
}

/** The cited keys `isKnown` rejects, in document order: what a check reports. */
export function unknownKeys(citations: readonly Citation[], isKnown: (key: string) => boolean): CitedKey[] {
  const out: CitedKey[] = [];
  for (const citation of citations) for (const key of citation.keys) if (!isKnown(key.key)) out.push(key);
  return out;
}
