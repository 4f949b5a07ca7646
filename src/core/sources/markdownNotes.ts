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

/** Parses one Markdown note. Never throws. */
export function parseMarkdownNote(text: string, source: string): DraftParseResult {
  const problems: Problem[] = [];
  try {
    const paper = readNote(String(text ?? ''), source, problems);
    return { papers: paper ? [paper] : [], problems };
  } catch (e) {
    // Defensive: the coercions below do not throw, but a parser must never do so.
    problems.push({ source, line: 1, severity: 'warning', message: `This note could not be read: ${String(e)}` });
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
  const year = yearOf(data.year, warn);
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

function yearOf(value: unknown, warn: (m: string) => void): number | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value;
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.getUTCFullYear();
  }
  if (typeof value === 'string') {
    const m = /^\s*(\d{4})\b/.exec(value) ?? /\b(\d{4})\b/.exec(value);
    if (m) {
      if (!/^\s*\d{4}\s*$/.test(value)) {
        warn(`"year" should be a number; "${value}" was read as ${m[1]}.`);
      }
      return Number(m[1]);
    }
  }
  warn('"year" should be a number like 2021; it was ignored.');
  return undefined;
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
    return names.map(nameToAuthor).filter((a): a is Author => a !== undefined);
  }
  const list = Array.isArray(value) ? value : [value];
  if (!Array.isArray(value)) {
    warn('"authors" should be a list; the single value was read as one author.');
  }
  const authors: Author[] = [];
  for (const item of list) {
    let author: Author | undefined;
    if (typeof item === 'string') {
      author = nameToAuthor(item);
    } else if (typeof item === 'number') {
      author = nameToAuthor(String(item));
    } else if (item && typeof item === 'object' && !Array.isArray(item)) {
      const o = item as Record<string, unknown>;
      const family = typeof o.family === 'string' ? o.family.trim() : '';
      const given = typeof o.given === 'string' ? o.given.trim() : '';
      const name = typeof o.name === 'string' ? o.name : typeof o.literal === 'string' ? o.literal : '';
      if (family) {
        author = given ? { family, given } : { family };
      } else if (name) {
        author = nameToAuthor(name);
      } else if (given) {
        author = { family: given };
      }
    }
    if (author) {
      authors.push(author);
    } else {
      warn('An item of "authors" is not a name; it was skipped.');
    }
  }
  return authors;
}

/**
 * Splits one string of names: on " and " or ";" first; otherwise on commas
 * when every comma-separated part looks like a full name ("Ada Lovelace,
 * Alan Turing"), and not when it reads as "Family, Given".
 */
function splitNameList(text: string): string[] {
  const parts = text.split(/\s+and\s+|;/).map((s) => s.trim()).filter(Boolean);
  if (parts.length > 1) {
    return parts;
  }
  const commaParts = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (commaParts.length > 1 && commaParts.every((p) => /\s/.test(p))) {
    return commaParts;
  }
  return parts;
}

/** "Given Family" or "Family, Given" → Author. */
function nameToAuthor(text: string): Author | undefined {
  const name = text.replace(/\s+/g, ' ').trim();
  if (!name) {
    return undefined;
  }
  const comma = name.indexOf(',');
  if (comma >= 0) {
    const family = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim();
    if (family) {
      return given ? { family, given } : { family };
    }
    return given ? { family: given } : undefined;
  }
  const words = name.split(' ');
  if (words.length === 1) {
    return { family: name };
  }
  // Lower-case particles (van, von, de, da, ...) belong to the family name.
  let start = words.length - 1;
  while (start > 1 && /^[a-z]/.test(words[start - 1])) {
    start--;
  }
  return { family: words.slice(start).join(' '), given: words.slice(0, start).join(' ') };
}
