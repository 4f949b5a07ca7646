/**
 * CSL-JSON source: the array of items Zotero and Better BibTeX export.
 *
 * Also home of the CSL item → DraftPaper mapping, which the BibTeX source
 * reuses (citation-js turns BibTeX into CSL items first).
 *
 * Never throws: text that is not JSON, or JSON that is not an array, gives
 * one error; an item that is not an object is skipped with an error; a field
 * of the wrong type is ignored with a warning and the item is kept.
 */
import type { Author, DraftParseResult, DraftPaper, Problem, SourceRef } from '../model';

/** One CSL-JSON item as it arrives: anything at all. */
export type CslItem = Record<string, unknown>;

/** Parses a CSL-JSON export. Never throws. */
export function parseCslJson(text: string, source: string): DraftParseResult {
  const papers: DraftPaper[] = [];
  const problems: Problem[] = [];
  try {
    const clean = String(text ?? '').replace(/^\uFEFF/, '');
    if (clean.trim() === '') {
      return { papers, problems };
    }
    let data: unknown;
    try {
      data = JSON.parse(clean);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      problems.push({
        source,
        line: jsonErrorLine(clean, message),
        severity: 'error',
        message: `Not valid JSON, so no papers were read: ${oneLine(message)}`,
      });
      return { papers, problems };
    }
    if (!Array.isArray(data)) {
      problems.push({
        source,
        line: 1,
        severity: 'error',
        message: `Expected a CSL-JSON array of items, found ${describe(data)}; no papers were read.`,
      });
      return { papers, problems };
    }
    const lines = itemStartLines(clean);
    data.forEach((item, i) => {
      const line = lines[i];
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        problems.push({
          source,
          line,
          severity: 'error',
          message: `Item ${i + 1} is ${describe(item)}, not an object; it was skipped.`,
        });
        return;
      }
      const origin: SourceRef = { source, kind: 'csl-json', line };
      const paper = cslItemToDraft(item as CslItem, origin, problems);
      if (paper) {
        papers.push(paper);
      }
    });
  } catch (e) {
    // Defensive: the mapping is written not to throw, but a parser must never do so.
    problems.push({ source, severity: 'error', message: `Could not read this CSL-JSON file: ${oneLine(String(e))}` });
  }
  return { papers, problems };
}

/**
 * Maps one CSL item to a draft paper. Fields of the wrong type are ignored
 * with a warning in `problems`. Returns undefined (with an error) for an item
 * that has neither an id nor a title.
 */
export function cslItemToDraft(item: CslItem, origin: SourceRef, problems: Problem[]): DraftPaper | undefined {
  const warn = (message: string) =>
    problems.push({ source: origin.source, line: origin.line, severity: 'warning', message });

  const rawKey = item['citation-key'] ?? item.id;
  let key: string | undefined;
  if (typeof rawKey === 'string' && rawKey.trim() !== '') {
    key = rawKey.trim();
  } else if (typeof rawKey === 'number' && Number.isFinite(rawKey)) {
    key = String(rawKey);
  } else if (rawKey !== undefined && rawKey !== null) {
    warn(`Item has an id of type ${describe(rawKey)}; the id was ignored.`);
  }
  const label = key ? `"${key}"` : 'an item';

  const str = (field: string): string | undefined => {
    const value = item[field];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value === 'string') {
      const trimmed = value.trim();
      return trimmed === '' ? undefined : trimmed;
    }
    if (typeof value === 'number' && Number.isFinite(value)) {
      return String(value);
    }
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      const joined = value.join(' ').trim();
      return joined === '' ? undefined : joined;
    }
    warn(`In ${label}, field "${field}" should be text but is ${describe(value)}; it was ignored.`);
    return undefined;
  };

  const title = str('title');
  if (!key && !title) {
    problems.push({
      source: origin.source,
      line: origin.line,
      severity: 'error',
      message: 'Item has neither an id nor a title; it was skipped.',
    });
    return undefined;
  }
  if (!title) {
    warn(`Entry ${label} has no title.`);
  }

  const authors = namesOf(item.author, 'author', label, warn);
  const paper: DraftPaper = {
    title: title ? stripMarkup(title) : '',
    authors: authors.length > 0 ? authors : namesOf(item.editor, 'editor', label, warn),
    keywords: [],
    origin,
  };
  if (key) {
    paper.key = key;
  }
  const year = yearOf(item.issued, label, warn);
  if (year !== undefined) {
    paper.year = year;
  }
  const venue = str('container-title') ?? str('event-title') ?? eventName(item.event) ?? str('publisher');
  if (venue) {
    paper.venue = stripMarkup(venue);
  }
  const abstract = str('abstract');
  if (abstract) {
    paper.abstract = abstract;
  }
  const doi = str('DOI') ?? str('doi');
  if (doi) {
    paper.doi = cleanDoi(doi);
  }
  const url = str('URL') ?? str('url');
  if (url) {
    paper.url = url;
  }
  const keywords = item.keyword ?? item.keywords;
  if (typeof keywords === 'string') {
    paper.keywords = splitKeywords(keywords);
  } else if (Array.isArray(keywords)) {
    paper.keywords = splitKeywords(keywords.filter((k): k is string => typeof k === 'string').join(';'));
  } else if (keywords !== undefined && keywords !== null) {
    warn(`In ${label}, field "keyword" should be text but is ${describe(keywords)}; it was ignored.`);
  }
  const type = str('type');
  if (type) {
    paper.type = type;
  }
  const arxiv = arxivFromFields([
    str('arxiv'),
    str('arXiv'),
    str('number'),
    str('note'),
    str('container-title'),
    url,
    doi,
  ]);
  if (arxiv) {
    paper.arxiv = arxiv;
  }
  return paper;
}

function eventName(event: unknown): string | undefined {
  if (typeof event === 'string' && event.trim() !== '') {
    return event.trim();
  }
  if (event && typeof event === 'object' && typeof (event as { name?: unknown }).name === 'string') {
    return (event as { name: string }).name.trim() || undefined;
  }
  return undefined;
}

/** Reads CSL names; a malformed name is skipped with a warning. Drops a trailing "others". */
function namesOf(value: unknown, field: string, label: string, warn: (m: string) => void): Author[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    warn(`In ${label}, field "${field}" should be a list of names but is ${describe(value)}; it was ignored.`);
    return [];
  }
  const authors: Author[] = [];
  for (const name of value) {
    if (name && typeof name === 'object' && !Array.isArray(name) && Object.keys(name).length === 0) {
      continue; // citation-js leaves an empty name for a BibLaTeX name-list option such as "sortingnamekeytemplatename=x".
    }
    const author = cslNameToAuthor(name);
    if (author) {
      authors.push(author);
    } else {
      warn(`In ${label}, a name in "${field}" is not a CSL name (${describe(name)}); it was skipped.`);
    }
  }
  return authors.filter((a, i) => !(i === authors.length - 1 && i > 0 && !a.given && /^others$/i.test(a.family)));
}

/** Maps one CSL name ({family, given, literal, particles, suffix}) to an Author. */
export function cslNameToAuthor(name: unknown): Author | undefined {
  if (typeof name === 'string') {
    return name.trim() ? { family: stripMarkup(name.trim()) } : undefined;
  }
  if (!name || typeof name !== 'object') {
    return undefined;
  }
  const n = name as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? stripMarkup(v).trim() : '');
  const family = [text(n['non-dropping-particle']), text(n.family), text(n.suffix)].filter(Boolean).join(' ');
  const given = [text(n.given), text(n['dropping-particle'])].filter(Boolean).join(' ');
  if (family) {
    return given ? { family, given } : { family };
  }
  const literal = text(n.literal);
  if (literal) {
    return { family: literal };
  }
  return given ? { family: given } : undefined;
}

/** Year from a CSL date: date-parts, raw, literal, or a bare string/number. */
function yearOf(issued: unknown, label: string, warn: (m: string) => void): number | undefined {
  if (issued === undefined || issued === null) {
    return undefined;
  }
  if (typeof issued === 'number' || typeof issued === 'string') {
    return yearFromText(String(issued));
  }
  if (typeof issued === 'object' && !Array.isArray(issued)) {
    const d = issued as Record<string, unknown>;
    const parts = d['date-parts'];
    if (Array.isArray(parts) && Array.isArray(parts[0]) && parts[0].length > 0) {
      const y = Number(parts[0][0]);
      if (Number.isInteger(y) && y > 0 && y < 10000) {
        return y;
      }
    }
    for (const field of ['raw', 'literal', 'season']) {
      if (typeof d[field] === 'string' || typeof d[field] === 'number') {
        const y = yearFromText(String(d[field]));
        if (y !== undefined) {
          return y;
        }
      }
    }
    return undefined;
  }
  warn(`In ${label}, field "issued" should be a CSL date but is ${describe(issued)}; it was ignored.`);
  return undefined;
}

/** The first plausible four-digit year in a text. */
export function yearFromText(text: string): number | undefined {
  const m = /(?:^|[^\d])(\d{4})(?!\d)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Removes the HTML-like markup citation-js and CSL use for rich text (<i>, <b>, <sup>, small caps…). */
export function stripMarkup(text: string): string {
  return text
    .replace(/<\/?(?:b|i|em|strong|sup|sub|sc|u|span|nocase)(?:\s[^<>]*)?>/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits a keyword field on commas and semicolons; trimmed, no empties, no repeats. */
export function splitKeywords(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[,;]/)) {
    const k = part.trim();
    if (k && !seen.has(k.toLowerCase())) {
      seen.add(k.toLowerCase());
      out.push(k);
    }
  }
  return out;
}

/** Strips a resolver prefix (https://doi.org/, doi:) from a DOI. */
export function cleanDoi(doi: string): string {
  return doi.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
}

const ARXIV_NEW = /(\d{4}\.\d{4,5})(v\d+)?/;
const ARXIV_OLD = /([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?/;

/** An arXiv id written on its own ("2101.00001", "arXiv:2101.00001v2", "hep-th/9901001"). */
export function arxivFromId(text: string): string | undefined {
  const t = text.trim().replace(/^arxiv\s*:\s*/i, '');
  const m = new RegExp(`^(?:${ARXIV_NEW.source}|${ARXIV_OLD.source})$`, 'i').exec(t);
  return m ? (m[1] ?? m[3]) : undefined;
}

/** An arXiv id mentioned in a field: an arxiv.org URL, an arXiv DOI, or "arXiv:<id>". */
export function arxivFromText(text: string): string | undefined {
  const patterns = [
    new RegExp(`arxiv\\.org/(?:abs|pdf|html)/(?:${ARXIV_NEW.source}|${ARXIV_OLD.source})`, 'i'),
    new RegExp(`10\\.48550/arxiv\\.(?:${ARXIV_NEW.source}|${ARXIV_OLD.source})`, 'i'),
    new RegExp(`arxiv\\s*:\\s*(?:${ARXIV_NEW.source}|${ARXIV_OLD.source})`, 'i'),
  ];
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) {
      return m[1] ?? m[3];
    }
  }
  return undefined;
}

/** The first arXiv id found: a bare id in the first field, otherwise a mention in any field. */
function arxivFromFields(fields: Array<string | undefined>): string | undefined {
  const [explicit, ...rest] = fields;
  for (const f of [explicit, rest[0]]) {
    if (f) {
      const id = arxivFromId(f) ?? arxivFromText(f);
      if (id) {
        return id;
      }
    }
  }
  for (const f of rest) {
    if (f) {
      const id = arxivFromText(f);
      if (id) {
        return id;
      }
    }
  }
  return undefined;
}

/** A short description of a JSON value's type, for messages. */
function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a true/false value';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function oneLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** The line of a JSON.parse error, from "(line N column M)" or "position N" in its message. */
function jsonErrorLine(text: string, message: string): number {
  const byLine = /line (\d+)/i.exec(message);
  if (byLine) {
    return Number(byLine[1]);
  }
  const byPos = /position (\d+)/i.exec(message);
  if (byPos) {
    return lineAt(text, Number(byPos[1]));
  }
  if (/end of JSON input/i.test(message)) {
    return lineAt(text, text.trimEnd().length);
  }
  // Node 20: `Unexpected token '}', ..."context" is not valid JSON`: find the quoted context.
  const byContext = /Unexpected token '([\s\S])', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
  if (byContext) {
    const at = text.indexOf(byContext[2]);
    if (at >= 0) {
      return lineAt(text, at + Math.max(0, byContext[2].indexOf(byContext[1])));
    }
  }
  return 1;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
    }
  }
  return line;
}

/**
 * The 1-based start line of each element of the top-level JSON array, found
 * by a scan that tracks strings and nesting (the text is known to be valid JSON).
 */
function itemStartLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      continue;
    }
    if (inString) {
      if (c === '\\') {
        i++;
      } else if (c === '"') {
        inString = false;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      continue;
    }
    if (depth === 1 && expectValue && c !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') {
      inString = true;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) {
        expectValue = true;
      }
    } else if (c === ']' || c === '}') {
      depth--;
    } else if (c === ',' && depth === 1) {
      expectValue = true;
    }
  }
  return lines;
}
