/**
 * The CSL item → DraftPaper mapping. CSL-JSON files are CSL items already;
 * the BibTeX source gets its CSL items from citation-js. A field of the wrong
 * type is ignored with a warning and the item is kept.
 */
import type { Author, DraftPaper, Problem, SourceRef } from '../model';
import { arxivFromId, arxivFromText } from './arxiv';
import { toAuthor } from './authors';
import { stripMarkup } from './markup';
import { yearOf } from './years';

/** One CSL-JSON item as it arrives: anything at all. */
export type CslItem = Record<string, unknown>;

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
    warn(`Item has an id of type ${describeType(rawKey)}; the id was ignored.`);
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
    warn(`In ${label}, field "${field}" should be text but is ${describeType(value)}; it was ignored.`);
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
  const year = yearOf(item.issued);
  if (year !== undefined) {
    paper.year = year;
  } else if (Array.isArray(item.issued) || !['string', 'number', 'object', 'undefined'].includes(typeof item.issued)) {
    warn(`In ${label}, field "issued" should be a CSL date but is ${describeType(item.issued)}; it was ignored.`);
  }
  const venue = str('container-title') ?? str('event-title') ?? eventName(item.event) ?? str('publisher');
  if (venue) {
    paper.venue = stripMarkup(venue);
  }
  if (authors.length > 0 && item.editor !== undefined) {
    const editors = namesOf(item.editor, 'editor', label, warn);
    if (editors.length) paper.editors = editors;
  }
  for (const [field, name] of [['publisher', 'publisher'], ['volume', 'volume'], ['issue', 'issue'], ['page', 'pages'], ['publisher-place', 'place'], ['genre', 'genre']] as const) {
    const value = str(field);
    if (value) paper[name] = stripMarkup(value);
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
    warn(`In ${label}, field "keyword" should be text but is ${describeType(keywords)}; it was ignored.`);
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
    warn(`In ${label}, field "${field}" should be a list of names but is ${describeType(value)}; it was ignored.`);
    return [];
  }
  const authors: Author[] = [];
  for (const name of value) {
    if (name && typeof name === 'object' && !Array.isArray(name) && Object.keys(name).length === 0) {
      continue; // citation-js leaves an empty name for a BibLaTeX name-list option such as "sortingnamekeytemplatename=x".
    }
    const author = toAuthor(name);
    if (author) {
      authors.push(author);
    } else {
      warn(`In ${label}, a name in "${field}" is not a CSL name (${describeType(name)}); it was skipped.`);
    }
  }
  return authors.filter((a, i) => !(i === authors.length - 1 && i > 0 && !a.given && /^others$/i.test(a.family)));
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
export function describeType(value: unknown): string {
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
