/**
 * Reader for the plain title/abstract corpus format and its JSON metadata.
 *
 * Text format: paragraphs separated by blank lines; a title paragraph, then
 * its abstract paragraph, repeated. Leading page chrome from a paper-listing
 * page (`new`, `Subscribe`, a date line, ...) is recognised and skipped.
 *
 * Metadata format: a JSON array with one object per paper, in the same order
 * and with the same titles: `{ title, arxiv, url, authors: [{family, given}],
 * year, venue, sources, note }`. A `null` field stays absent on the paper.
 *
 * No VS Code or Node APIs here: this runs in a Web Worker too.
 */

import type { Author, DraftPaper, DraftParseResult, Problem } from '../model';
import { firstLineOf } from '../lines';
import { normalizeTitle } from '../text';
import { toAuthor } from './authors';
import { yearOf } from './years';

// ---------------------------------------------------------------------------
// Text cleaning

/** LaTeX text commands whose argument is kept and whose name is dropped. */
const TEXT_COMMANDS = 'textbf|textit|textsc|texttt|textrm|emph|mathrm|mathbf|mathit|mathsf|mathtt|text';

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ',
};

function toSuperscript(s: string): string | undefined {
  let out = '';
  for (const ch of s) {
    const sup = SUPERSCRIPT[ch];
    if (sup === undefined) return undefined;
    out += sup;
  }
  return out;
}

/**
 * Repairs the text artifacts a paper-listing page leaves in titles and
 * abstracts (LaTeX that lost its backslashes or braces):
 *
 * - `\textbf{Lved}` / `\textbfLved` → `Lved`; other stray `{word}` braces dropped
 * - `https://github.com/x/y{here}` → `https://github.com/x/y`
 * - `\%` → `%`; `sim50\%` → `~50%`; `geq 50%` → `≥ 50%`
 * - `3times` / `3\times` → `3×`
 * - `1{16}` (a `\frac` without its command) → `1/16`
 * - `Oleft(n^{1.5}dright)` → `O(n^1.5 d)`; `S^{2}FT` → `S²FT`; `n^2d` → `n²d`
 */
export function cleanCorpusText(input: string): string {
  let s = input;
  // Link text that was glued to the URL it linked: `...seco{here}`.
  s = s.replace(/(https?:\/\/[^\s{}]+)\{(?:here|link|this link|url|code)\}/gi, '$1');
  // Text commands: with their braces, then the brace-less leftovers.
  s = s.replace(new RegExp(`\\\\(?:${TEXT_COMMANDS})\\{([^{}]*)\\}`, 'g'), '$1');
  s = s.replace(new RegExp(`\\\\(?:${TEXT_COMMANDS})(?=[A-Za-z{])`, 'g'), '');
  s = s.replace(/\\frac\{([^{}]+)\}\{([^{}]+)\}/g, '$1/$2');
  // Escaped specials.
  s = s.replace(/\\([%&_#$])/g, '$1');
  // Relations and `times` that lost their backslash, only next to numbers.
  s = s.replace(/\\?\bsim\s?(?=\d|\.\d)/g, '~');
  s = s.replace(/\\?\bgeq\s?(?=[\d~.])/g, '≥ ');
  s = s.replace(/\\?\bleq\s?(?=[\d~.])/g, '≤ ');
  s = s.replace(/\\?\bapprox\s?(?=[\d~.])/g, '≈ ');
  s = s.replace(/(\d)\s?\\times\b\s?/g, '$1× ');
  s = s.replace(/(\d)times\b/g, '$1×');
  // `1{16}`: a fraction whose `\frac` and first braces were lost.
  s = s.replace(/(\d+)\{(\d+)\}/g, '$1/$2');
  // `Oleft(n^2dright)` → `O(n^2d)`: only a left/right pair within one span.
  s = s.replace(/\\?left([(\[|])([^\n]{0,80}?)\\?right([)\]|])/g, '$1$2$3');
  // Braced exponents: `S^{2}FT` → `S²FT`; `n^{1.5}d` → `n^1.5 d`.
  s = s.replace(/([A-Za-z0-9)\]])\^\{([^{}]{1,16})\}/g, (_m, base: string, exp: string, offset: number, whole: string) => {
    const sup = toSuperscript(exp);
    if (sup !== undefined) return base + sup;
    const next = whole.charAt(offset + _m.length);
    return `${base}^${exp}${/[A-Za-z0-9]/.test(next) ? ' ' : ''}`;
  });
  // Bare digit exponents on a letter: `n^2d` → `n²d`, `D^2MoE` → `D²MoE`.
  s = s.replace(/([A-Za-z)\]])\^(\d+)(?![\d.])/g, (_m, base: string, exp: string) => base + (toSuperscript(exp) ?? `^${exp}`));
  // Remaining stray braces around plain text: `{in size}` → `in size`.
  s = s.replace(/\{([^{}\n]{1,80})\}/g, '$1');
  // Whitespace.
  s = s.replace(/\s+/g, ' ').trim();
  return s;
}

const CODE_HOSTS = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co|hf\.co)\/\S+/i;

/** The first GitHub, GitLab or Hugging Face link in `text`, without trailing punctuation. */
export function findCodeUrl(text: string): string | undefined {
  const urls = text.match(/https?:\/\/[^\s<>"'{}]+/g) ?? [];
  for (const raw of urls) {
    const url = raw.replace(/[.,;:!?)\]}'"]+$/, '').replace(/\/+$/, '');
    if (CODE_HOSTS.test(url)) return url;
  }
  return undefined;
}

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
// Metadata

/** Title comparison key: the corpus cleaning, then the library's own title normalization. */
function titleKey(title: string): string {
  return normalizeTitle(cleanCorpusText(title));
}

interface MetadataEntry {
  title?: unknown;
  arxiv?: unknown;
  url?: unknown;
  authors?: unknown;
  year?: unknown;
  venue?: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * Attaches authors, year, venue, arXiv id and URL from `papers-metadata.json`
 * text. Entries are matched by normalized title, falling back to position
 * when a title differs; every mismatch is reported. Fields the paper already
 * has are kept; `null` fields stay absent. Invalid JSON is reported and the
 * papers come back unchanged.
 */
export function mergeCorpusMetadata(papers: readonly DraftPaper[], metadataJsonText: string, source: string): DraftParseResult {
  const problems: Problem[] = [];
  const out: DraftPaper[] = papers.map((p) => ({ ...p, authors: [...p.authors], keywords: [...p.keywords], origin: { ...p.origin } }));

  let data: unknown;
  try {
    data = JSON.parse(metadataJsonText);
  } catch (e) {
    problems.push({ source, severity: 'error', message: `Metadata is not valid JSON (${firstLineOf(e)}); papers kept without it.` });
    return { papers: out, problems };
  }
  if (!Array.isArray(data)) {
    problems.push({ source, severity: 'error', message: 'Metadata must be a JSON array with one object per paper; papers kept without it.' });
    return { papers: out, problems };
  }
  const entries: (MetadataEntry | undefined)[] = data.map((e, j) => {
    if (isObject(e)) return e as MetadataEntry;
    problems.push({ source, severity: 'warning', message: `Metadata entry ${j + 1} is not an object; ignored.` });
    return undefined;
  });
  if (entries.length !== out.length) {
    problems.push({ source, severity: 'warning', message: `Metadata has ${entries.length} entries for ${out.length} papers.` });
  }

  // Pass 1: by title. Pass 2: by position, for entries no paper claimed.
  const byTitle = new Map<string, number[]>();
  entries.forEach((e, j) => {
    const t = e && nonEmptyString(e.title);
    if (t === undefined) return;
    const key = titleKey(t);
    const list = byTitle.get(key);
    if (list) list.push(j);
    else byTitle.set(key, [j]);
  });
  const used = new Set<number>();
  const match: (number | undefined)[] = out.map((p) => {
    const list = byTitle.get(titleKey(p.title));
    const j = list?.find((k) => !used.has(k));
    if (j !== undefined) used.add(j);
    return j;
  });
  out.forEach((p, i) => {
    const j = match[i];
    if (j !== undefined) {
      if (j !== i) problems.push({ source, line: p.origin.line, severity: 'info', message: `"${p.title}" is entry ${j + 1} in the metadata, not ${i + 1}; matched by title.` });
      return;
    }
    if (i < entries.length && entries[i] !== undefined && !used.has(i)) {
      used.add(i);
      match[i] = i;
      const other = nonEmptyString(entries[i]?.title) ?? '(no title)';
      problems.push({ source, line: p.origin.line, severity: 'warning', message: `No metadata title matches "${p.title}"; used entry ${i + 1} ("${other}") by position.` });
    } else {
      problems.push({ source, line: p.origin.line, severity: 'warning', message: `No metadata for "${p.title}".` });
    }
  });
  entries.forEach((e, j) => {
    if (e !== undefined && !used.has(j)) {
      problems.push({ source, severity: 'warning', message: `Metadata entry ${j + 1} ("${nonEmptyString(e.title) ?? '(no title)'}") matches no paper.` });
    }
  });

  out.forEach((p, i) => {
    const j = match[i];
    const e = j === undefined ? undefined : entries[j];
    if (e === undefined) return;
    const where = { source, line: p.origin.line };
    const bad = (field: string): void => {
      problems.push({ ...where, severity: 'warning', message: `Metadata entry ${j! + 1}: \`${field}\` has an unexpected value; left out.` });
    };

    if (e.authors !== undefined && e.authors !== null) {
      if (!Array.isArray(e.authors)) bad('authors');
      else if (p.authors.length === 0) {
        const authors: Author[] = [];
        for (const a of e.authors) {
          // The format's names are {family, given}; a family name is required.
          const author = isObject(a) && nonEmptyString(a.family) !== undefined ? toAuthor(a) : undefined;
          if (author) authors.push(author);
          else bad('authors');
        }
        p.authors = authors;
      }
    }
    if (e.year !== undefined && e.year !== null) {
      const y = yearOf(e.year);
      if (y !== undefined && y > 1000 && y < 3000) p.year ??= y;
      else bad('year');
    }
    for (const field of ['venue', 'arxiv', 'url'] as const) {
      const v = e[field];
      if (v === undefined || v === null) continue;
      const s = nonEmptyString(v);
      if (s === undefined) bad(field);
      else p[field] ??= s;
    }
  });
  return { papers: out, problems };
}

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
