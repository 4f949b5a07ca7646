import type { CitationSyntax } from './types';

const PANDOC_LANGUAGES = new Set(['markdown', 'quarto', 'rmd', 'rmarkdown', 'pandoc', 'mdx']);
const LATEX_LANGUAGES = new Set(['latex', 'tex', 'context', 'latex-expl3', 'doctex']);
const TYPST_LANGUAGES = new Set(['typst']);

/**
 * The citation syntax of a document, from its language id or, when no
 * extension knows the language (`.qmd`, `.Rmd`, `.typ` open as plain text),
 * from its file name.
 */
export function citationSyntaxFor(languageId: string, fileName: string): CitationSyntax | undefined {
  if (PANDOC_LANGUAGES.has(languageId)) return 'pandoc';
  if (LATEX_LANGUAGES.has(languageId)) return 'latex';
  if (TYPST_LANGUAGES.has(languageId)) return 'typst';
  const ext = /\.([A-Za-z]+)$/.exec(fileName)?.[1].toLowerCase();
  if (ext === 'md' || ext === 'qmd' || ext === 'rmd' || ext === 'markdown') return 'pandoc';
  if (ext === 'tex' || ext === 'ltx') return 'latex';
  if (ext === 'typ') return 'typst';
  return undefined;
}
