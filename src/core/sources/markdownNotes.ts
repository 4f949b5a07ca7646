/**
 * Markdown notes as a source: a note whose YAML front matter has a `title`
 * describes a paper. A note without front matter, or without a title, is just
 * a note: no paper and no problem. Broken front matter is a warning.
 *
 * Recognised keys: title, authors (or author), year, key (or citekey, id),
 * abstract, url, doi, arxiv, venue, topics, tags (or keywords).
 * Values of the wrong type are coerced where the intent is clear, with a warning.
 */
import type { Author, DraftParseResult, DraftPaper, Problem } from '../model';
import { readFrontMatter } from '../frontMatter';
import { firstLineOf } from '../lines';
import { parseName, splitNameList, toAuthor } from './authors';
import { yearOf } from './years';

/** Parses one Markdown note. Never throws. */
export function parseMarkdownNote(text: string, source: string): DraftParseResult {
  const problems: Problem[] = [];
  try {
    const paper = readNote(String(text ?? ''), source, problems);
    return { papers: paper ? [paper] : [], problems };
  } catch (e) {
    // Defensive: the coercions below do not throw, but a parser must never do so.
    problems.push({ source, line: 1, severity: 'warning', message: `This note could not be read: ${firstLineOf(e)}` });
    return { papers: [], problems };
  }
}

/** The citation key a note declares in its front matter (`key`, `citekey` or `id`), if any. */
export function noteKeyOf(text: string): string | undefined {
  try {
    const { data } = readFrontMatter(String(text ?? ''));
    return keyOf(data);
  } catch {
    return undefined;
  }
}

function keyOf(data: Record<string, unknown>): string | undefined {
  for (const name of ['key', 'citekey', 'id']) {
    const value = data[name];
    if ((typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value))) {
      return String(value).trim();
    }
  }
  return undefined;
}

function readNote(text: string, source: string, problems: Problem[]): DraftPaper | undefined {
  const fm = readFrontMatter(text);
  if (fm.error) {
    problems.push({ source, line: 1, severity: 'warning', message: fm.error });
    return undefined;
  }
  const data = fm.data;
  const warn = (message: string) => problems.push({ source, line: 1, severity: 'warning', message });

  const title = text1(data.title, 'title', warn);
  if (!title) {
    return undefined;
  }
  const paper: DraftPaper = {
    title,
    authors: authorsOf(data.authors ?? data.author, warn),
    keywords: listOf(data.tags ?? data.keywords, data.tags !== undefined ? 'tags' : 'keywords', warn),
    origin: { source, kind: 'markdown', line: 1 },
  };
  const key = keyOf(data);
  if (key) {
    paper.key = key;
  }
  const year = noteYear(data.year, warn);
  if (year !== undefined) {
    paper.year = year;
  }
  for (const field of ['abstract', 'url', 'doi', 'arxiv', 'venue'] as const) {
    const value = text1(data[field], field, warn);
    if (value) {
      paper[field] = value;
    }
  }
  if (typeof data.arxiv === 'number') {
    warn('"arxiv" was read as a number, which may lose trailing zeros; put the id in quotes.');
  }
  if (data.topics !== undefined && data.topics !== null) {
    const topics = listOf(data.topics, 'topics', warn);
    if (topics.length > 0) {
      paper.statedTopics = topics;
    }
  }
  return paper;
}

/** A text value; numbers and booleans become text with a warning, anything else is ignored with one. */
function text1(value: unknown, field: string, warn: (m: string) => void): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? undefined : t;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    warn(`"${field}" should be text but is ${typeof value} ${String(value)}; it was read as "${String(value)}".`);
    return String(value);
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const iso = value.toISOString().slice(0, 10);
    warn(`"${field}" should be text but is a date; it was read as "${iso}".`);
    return iso;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    warn(`"${field}" should be text but is a list; its items were joined.`);
    const joined = value.join(' ').trim();
    return joined === '' ? undefined : joined;
  }
  warn(`"${field}" should be text; its value was ignored.`);
  return undefined;
}

function noteYear(value: unknown, warn: (m: string) => void): number | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const year = yearOf(value);
  if (year === undefined) {
    warn('"year" should be a number like 2021; it was ignored.');
  } else if (typeof value === 'string' && !/^\s*\d{4}\s*$/.test(value)) {
    warn(`"year" should be a number; "${value}" was read as ${year}.`);
  }
  return year;
}

/** A list of strings from a YAML list, or from one comma/semicolon-separated string. */
function listOf(value: unknown, field: string, warn: (m: string) => void): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  const items: string[] = [];
  if (typeof value === 'string') {
    items.push(...value.split(/[,;]/));
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    items.push(String(value));
  } else if (Array.isArray(value)) {
    for (const v of value) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        items.push(String(v));
      } else {
        warn(`An item of "${field}" is not text; it was skipped.`);
      }
    }
  } else {
    warn(`"${field}" should be a list; it was ignored.`);
    return [];
  }
  const seen = new Set<string>();
  return items
    .map((s) => s.trim())
    .filter((s) => s !== '' && !seen.has(s) && (seen.add(s), true));
}

/** Authors from a list (strings or {family, given} objects) or, with a warning, one string. */
function authorsOf(value: unknown, warn: (m: string) => void): Author[] {
  if (value === undefined || value === null || value === '') {
    return [];
  }
  if (typeof value === 'string') {
    const names = splitNameList(value);
    warn(
      `"authors" should be a list (one "- Given Family" line per author); the text was read as ${names.length} name${names.length === 1 ? '' : 's'}.`,
    );
    return names.map(parseName).filter((a): a is Author => a !== undefined);
  }
  const list = Array.isArray(value) ? value : [value];
  if (!Array.isArray(value)) {
    warn('"authors" should be a list; the single value was read as one author.');
  }
  const authors: Author[] = [];
  for (const item of list) {
    const author = toAuthor(typeof item === 'number' ? String(item) : item);
    if (author) {
      authors.push(author);
    } else {
      warn('An item of "authors" is not a name; it was skipped.');
    }
  }
  return authors;
}
