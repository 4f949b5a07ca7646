/**
 * The corpus metadata: a JSON array with one object per paper, in the same
 * order and with the same titles as the corpus text: `{ title, arxiv, url,
 * authors: [{family, given}], year, venue, sources, note }`. A `null` field
 * stays absent on the paper.
 */
import type { Author, DraftPaper, DraftParseResult, Problem } from '../model';
import { firstLineOf } from '../lines';
import { normalizeTitle } from '../text';
import { toAuthor } from './authors';
import { cleanCorpusText } from './corpusText';
import { yearOf } from './years';

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
