/**
 * Reader for the plain title/abstract corpus format, and the loader of the
 * embedded library (its text and its metadata, corpusMetadata.ts).
 *
 * Text format: paragraphs separated by blank lines; a title paragraph, then
 * its abstract paragraph, repeated. Leading page chrome from a paper-listing
 * page (`new`, `Subscribe`, a date line, ...) is recognised and skipped.
 *
 * No VS Code or Node APIs here: this runs in a Web Worker too.
 */

import type { DraftPaper, DraftParseResult, Problem } from '../model';
import { mergeCorpusMetadata } from './corpusMetadata';
import { cleanCorpusText, findCodeUrl } from './corpusText';

// ---------------------------------------------------------------------------
// Paragraphs and page chrome

interface Paragraph {
  text: string;
  /** 1-based line of the paragraph's first line. */
  line: number;
  lineCount: number;
}

function splitParagraphs(text: string): Paragraph[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: Paragraph[] = [];
  let current: string[] = [];
  let start = 0;
  const flush = (): void => {
    if (current.length > 0) {
      out.push({ text: current.join(' '), line: start + 1, lineCount: current.length });
      current = [];
    }
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') {
      flush();
    } else {
      if (current.length === 0) start = i;
      current.push(line);
    }
  });
  flush();
  return out;
}

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const CHROME_PATTERNS: RegExp[] = [
  /^new$/i,
  /^get trending papers in your email inbox!?$/i,
  /^subscribe$/i,
  /^by\s?ak and the research community$/i,
  /^(?:daily|trending) papers$/i,
  new RegExp(`^${MONTH}\\s+\\d{1,2}(?:,?\\s+\\d{4})?$`, 'i'),
  new RegExp(`^\\d{1,2}\\s+${MONTH}(?:,?\\s+\\d{4})?$`, 'i'),
  /^\d{4}-\d{2}-\d{2}$/,
];

/** True for a line of listing-page chrome (`Subscribe`, `Jun 17`, ...). */
export function isChromeLine(text: string): boolean {
  const t = text.trim();
  return t.length <= 60 && CHROME_PATTERNS.some((re) => re.test(t));
}

function sentenceCount(text: string): number {
  return (text.match(/[.!?](?:\s|$)/g) ?? []).length;
}

/** A paragraph that reads like an abstract rather than a title. */
function looksLikeAbstract(p: Paragraph): boolean {
  return p.text.length > 250 && sentenceCount(p.text) >= 2;
}

/** A paragraph that reads like a title: one line, short, not a run of sentences. */
function looksLikeTitle(p: Paragraph): boolean {
  return p.lineCount === 1 && p.text.length <= 250 && sentenceCount(p.text) <= 1 && !/\.\s*$/.test(p.text);
}

// ---------------------------------------------------------------------------
// Parsing

/**
 * Parses the plain title/abstract format. `source` names the file in
 * problems and in each paper's `origin`.
 *
 * @example
 * parseCorpusText('A Title\n\nIts abstract. Code: https://github.com/a/b.', 'notes.txt')
 * // → one paper, abstract cleaned, codeUrl 'https://github.com/a/b'
 */
export function parseCorpusText(text: string, source: string): DraftParseResult {
  const problems: Problem[] = [];
  const papers: DraftPaper[] = [];
  const paragraphs = splitParagraphs(text);

  let i = 0;
  while (i < paragraphs.length && paragraphs[i].lineCount === 1 && isChromeLine(paragraphs[i].text)) i++;

  const makePaper = (title: Paragraph, abstract?: Paragraph): DraftPaper => {
    const paper: DraftPaper = {
      title: cleanCorpusText(title.text),
      authors: [],
      keywords: [],
      origin: { source, kind: 'corpus', line: title.line },
    };
    if (abstract) {
      paper.abstract = cleanCorpusText(abstract.text);
      const codeUrl = findCodeUrl(paper.abstract);
      if (codeUrl) paper.codeUrl = codeUrl;
    }
    return paper;
  };

  while (i < paragraphs.length) {
    const title = paragraphs[i];
    if (looksLikeAbstract(title)) {
      // A second abstract paragraph (or an abstract with no title).
      const prev = papers[papers.length - 1];
      if (prev && prev.abstract !== undefined) {
        prev.abstract = `${prev.abstract}\n\n${cleanCorpusText(title.text)}`;
        prev.codeUrl ??= findCodeUrl(title.text);
        problems.push({ source, line: title.line, severity: 'info', message: `Joined a second abstract paragraph to "${prev.title}".` });
      } else {
        problems.push({ source, line: title.line, severity: 'warning', message: 'Skipped a paragraph that reads like an abstract but has no title before it.' });
      }
      i++;
      continue;
    }
    if (title.lineCount > 1) {
      problems.push({ source, line: title.line, severity: 'info', message: 'Title spans several lines; they were joined.' });
    }
    const next = paragraphs[i + 1];
    if (next === undefined) {
      problems.push({ source, line: title.line, severity: 'warning', message: `"${cleanCorpusText(title.text)}" has no abstract after it (end of file); kept without one.` });
      papers.push(makePaper(title));
      i++;
      continue;
    }
    const afterNext = paragraphs[i + 2];
    if (looksLikeTitle(next) && afterNext !== undefined && looksLikeAbstract(afterNext)) {
      // The abstract slot holds the next title: this paper has no abstract.
      problems.push({ source, line: title.line, severity: 'warning', message: `"${cleanCorpusText(title.text)}" has no abstract (the next paragraph is a title); kept without one.` });
      papers.push(makePaper(title));
      i++;
      continue;
    }
    papers.push(makePaper(title, next));
    i += 2;
  }
  return { papers, problems };
}

// ---------------------------------------------------------------------------
// The embedded library

export const EMBEDDED_CORPUS_SOURCE = 'media/corpus/efficient-llm-papers.txt';
export const EMBEDDED_METADATA_SOURCE = 'media/corpus/papers-metadata.json';

/** Parses the shipped corpus text and merges its metadata. */
export function loadEmbeddedCorpus(
  text: string,
  metadataText: string,
  textSource: string = EMBEDDED_CORPUS_SOURCE,
  metadataSource: string = EMBEDDED_METADATA_SOURCE,
): DraftParseResult {
  const parsed = parseCorpusText(text, textSource);
  const merged = mergeCorpusMetadata(parsed.papers, metadataText, metadataSource);
  return { papers: merged.papers, problems: [...parsed.problems, ...merged.problems] };
}
