import * as vscode from 'vscode';
import { citationSyntaxFor } from '../../core/citations/language';
import { keyAt, scanCitations } from '../../core/citations/scan';
import type { Citation, CitationSyntax, CitedKey } from '../../core/citations/types';
import { ABSTRACT_SCHEME } from '../ids';

/**
 * Where citation features apply: by language id, and by file name so that
 * `.qmd`, `.Rmd` and `.typ` work even when no Quarto or Typst extension
 * gives them a language.
 */
export const CITATION_SELECTOR: vscode.DocumentSelector = [
  ...['markdown', 'quarto', 'rmd', 'rmarkdown', 'latex', 'tex', 'typst'].map((language) => ({ language })),
  { pattern: '**/*.{qmd,Rmd,rmd,typ}' },
];

/** The citation syntax of a document, or undefined where LitNotes does not read citations. */
export function syntaxOf(document: vscode.TextDocument): CitationSyntax | undefined {
  if (document.uri.scheme === ABSTRACT_SCHEME || document.uri.scheme === 'git' || document.uri.scheme === 'output') return undefined;
  return citationSyntaxFor(document.languageId, document.uri.path);
}

const cache = new WeakMap<vscode.TextDocument, { version: number; citations: Citation[] }>();

/** The document's citations, scanned once per version and shared by every feature. */
export function citationsOf(document: vscode.TextDocument): Citation[] {
  const syntax = syntaxOf(document);
  if (!syntax) return [];
  const cached = cache.get(document);
  if (cached?.version === document.version) return cached.citations;
  const citations = scanCitations(document.getText(), syntax);
  cache.set(document, { version: document.version, citations });
  return citations;
}

/** The cited key at a position, with its range in the document. */
export function citedKeyAt(document: vscode.TextDocument, position: vscode.Position): { key: CitedKey; range: vscode.Range } | undefined {
  const key = keyAt(citationsOf(document), document.offsetAt(position));
  return key && { key, range: keyRange(document, key) };
}

export function keyRange(document: vscode.TextDocument, key: CitedKey): vscode.Range {
  return new vscode.Range(document.positionAt(key.start), document.positionAt(key.end));
}
