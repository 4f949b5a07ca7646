/**
 * Step 4 of reading a BibTeX file (see bibtex.ts): raw entries through
 * citation-js's CSL mapping, in batches, with `crossref` parents alongside;
 * an entry or field the mapper rejects is dropped with a problem; each CSL
 * item becomes a DraftPaper, completed from the raw fields the mapping loses.
 */
import type { RawBibEntry } from '@citation-js/plugin-bibtex/lib/input/file.js';
import { parse as bibEntriesToCsl } from '@citation-js/plugin-bibtex/lib/input/entries.js';
import type { DraftPaper, Problem, SourceRef } from '../model';
import { firstLineOf } from '../lines';
import { GrowingBatches, type Steps } from '../slices';
import type { BibtexOptions } from './bibtex';
import { withUnicodeFields } from '../text/latexToUnicode';
import { arxivFromId, arxivFromText } from './arxiv';
import { fastEntriesToCsl, fastPathApplies } from './bibFastValues';
import { cslItemToDraft, splitKeywords, type CslItem } from './cslMapping';
import { yearFromText } from './years';

/** Entries per CSL mapping call: about 10 ms of work, once the code is warm (the first calls map fewer). */
const CONVERT_BATCH = 100;
const CONVERT_FIRST_BATCH = 10;

/** An entry the grammar read, with the line of its `@`. */
export interface GoodEntry {
  raw: RawBibEntry;
  line: number;
}

/** Raw entries → CSL items: citation-js's mapper, with or without the fast value reader in front. */
type ToCsl = (entries: RawBibEntry[]) => CslItem[];

/**
 * Step 4: CSL mapping in batches (crossref resolved among the entries given
 * and `parents`, entries read before that `crossref`s name), then DraftPapers with
 * strings of their own. `options.fastValues` (default true) reads plain field values with the fast
 * reader (bibFastValues.ts); false sends every value through citation-js's grammar.
 */
export function* toPapers(input: GoodEntry[], source: string, problems: Problem[], options: BibtexOptions = {}, parents?: ReadonlyMap<string, GoodEntry>): Steps<DraftPaper[]> {
  const toCsl: ToCsl = (options.fastValues ?? true) && fastPathApplies() ? fastEntriesToCsl : bibEntriesToCsl;
  const ownStrings = options.detach ?? true;
  const byLabel = new Map(parents);
  for (const entry of input) byLabel.set(entry.raw.label, entry);
  const papers: DraftPaper[] = [];
  const batches = new GrowingBatches(CONVERT_FIRST_BATCH, CONVERT_BATCH);
  for (let start = 0, end = 0; start < input.length; start = end) {
    end = start + batches.next();
    const batch = convertBatch(input.slice(start, end), byLabel, source, problems, toCsl);
    const own = ownStrings ? detach(batch) : batch;
    if (options.onPapers) options.onPapers(own);
    else for (const paper of own) papers.push(paper);
    yield;
  }
  return papers;
}

/**
 * Fresh copies of the papers' strings. Substrings of the file text keep the
 * whole text alive, and strings cut from a text with any character beyond
 * Latin-1 take two bytes per character even when they are plain ASCII; at
 * 100,000 abstracts that is hundreds of megabytes. A JSON round trip makes
 * every string independent and as compact as its content allows.
 */
function detach(papers: DraftPaper[]): DraftPaper[] {
  return papers.length === 0 ? papers : (JSON.parse(JSON.stringify(papers)) as DraftPaper[]);
}

function convertBatch(batch: GoodEntry[], byLabel: Map<string, GoodEntry>, source: string, problems: Problem[], toCsl: ToCsl): DraftPaper[] {
  let entries = batch;
  let csl = convertWithParents(entries, byLabel, toCsl);
  if (!csl) {
    // Some entry's values upset the mapper. Convert one at a time to find it,
    // drop the field at fault (or the entry), then convert the rest together
    // again so that crossref still resolves.
    entries = entries.flatMap((entry) => {
      const repaired = repairEntry(entry, source, problems, toCsl);
      return repaired ? [repaired] : [];
    });
    csl = convertWithParents(entries, byLabel, toCsl) ?? entries.map((e) => (convertWithParents([e], byLabel, toCsl) ?? convertAll([e], toCsl))?.[0]);
  }

  const papers: DraftPaper[] = [];
  entries.forEach((entry, i) => {
    const item = csl[i];
    // BibLaTeX @xdata entries only hold fields for other entries to inherit.
    if (!item || entry.raw.type === 'xdata') {
      return;
    }
    const origin: SourceRef = { source, kind: 'bibtex', line: entry.line };
    const paper = cslItemToDraft({ ...item, id: entry.raw.label, 'citation-key': entry.raw.label }, origin, problems);
    if (paper) {
      papers.push(completeFromRaw(paper, entry.raw));
    }
  });
  return papers;
}

/**
 * CSL items for a batch of entries, in order. The entries their `crossref`
 * fields name (and those entries' own, up the chain) are converted alongside,
 * wherever they are in the file, so inheritance works across batches.
 */
function convertWithParents(entries: GoodEntry[], byLabel: Map<string, GoodEntry>, toCsl: ToCsl): Array<CslItem | undefined> | undefined {
  const inBatch = new Set(entries);
  const parents: GoodEntry[] = [];
  for (const entry of entries) {
    let parent = byLabel.get(String(entry.raw.properties.crossref ?? ''));
    while (parent && !inBatch.has(parent)) {
      inBatch.add(parent);
      parents.push(parent);
      parent = byLabel.get(String(parent.raw.properties.crossref ?? ''));
    }
  }
  return convertAll([...entries, ...parents], toCsl)?.slice(0, entries.length);
}

/** citation-js's CSL items for these entries, in the same order; undefined if the mapper throws. */
function convertAll(entries: GoodEntry[], toCsl: ToCsl): Array<CslItem | undefined> | undefined {
  try {
    const all = toCsl(entries.map((e) => withUnicodeFields(e.raw)));
    return all.length === entries.length ? all : matchById(all, entries);
  } catch {
    return undefined;
  }
}

/**
 * An entry the mapper can convert: as it is, or without the fields that make
 * the mapper throw (each with a warning). Undefined, with an error, if that fails.
 */
function repairEntry(entry: GoodEntry, source: string, problems: Problem[], toCsl: ToCsl): GoodEntry | undefined {
  let raw = entry.raw;
  const dropped: Array<[string, unknown]> = [];
  let firstError: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    const error = conversionError(raw, toCsl);
    if (error === undefined) {
      for (const [field, why] of dropped) {
        problems.push({
          source,
          line: entry.line,
          severity: 'warning',
          message: `In entry "${raw.label}", field "${field}" could not be read and was ignored: ${firstLineOf(why).replace(/ at line \d+ col \d+.*$/, '')}.`,
        });
      }
      return { raw, line: entry.line };
    }
    firstError ??= error;
    // The field at fault: the one the message names, else the first whose removal lets the entry convert.
    const named = /Failed to convert (\S+) to/.exec(firstLineOf(error))?.[1];
    const fields = Object.keys(raw.properties);
    const culprit =
      named && fields.includes(named)
        ? named
        : fields.find((f) => conversionError(withoutField(raw, f), toCsl) === undefined);
    if (!culprit) {
      break;
    }
    raw = withoutField(raw, culprit);
    dropped.push([culprit, error]);
  }
  problems.push({
    source,
    line: entry.line,
    severity: 'error',
    message: `Entry "${entry.raw.label}" could not be converted, so it was skipped: ${firstLineOf(firstError)}`,
  });
  return undefined;
}

function conversionError(raw: RawBibEntry, toCsl: ToCsl): unknown {
  try {
    toCsl([raw]);
    return undefined;
  } catch (e) {
    return e ?? new Error('unknown error');
  }
}

function withoutField(raw: RawBibEntry, field: string): RawBibEntry {
  const properties = { ...raw.properties };
  delete properties[field];
  return { ...raw, properties };
}

function matchById(items: CslItem[], entries: GoodEntry[]): Array<CslItem | undefined> {
  const byId = new Map<string, CslItem>();
  for (const item of items) {
    byId.set(String(item.id), item);
  }
  return entries.map((e) => byId.get(e.raw.label));
}

/** Fields citation-js's CSL mapping drops or changes: entry type, year fallback, file, eprint, keywords, JabRef groups. */
function completeFromRaw(paper: DraftPaper, raw: RawBibEntry): DraftPaper {
  const field = (name: string): string | undefined => {
    const v = raw.properties[name];
    return v === undefined || v === '' ? undefined : String(v).trim();
  };
  paper.type = raw.type;
  if (paper.year === undefined) {
    const y = yearFromText(field('year') ?? field('date') ?? '');
    if (y !== undefined) {
      paper.year = y;
    }
  }
  const file = field('file');
  if (file) {
    paper.file = file;
  }
  const kw = field('keywords');
  if (kw && paper.keywords.length === 0) {
    paper.keywords = splitKeywords(kw.replace(/[{}]/g, ''));
  }
  // JabRef keeps the groups an entry belongs to in its `groups` field: the user filed it there, so they are its topics.
  const groups = field('groups');
  if (groups) {
    const stated = splitKeywords(groups.replace(/[{}]/g, ''));
    if (stated.length) paper.statedTopics = [...new Set([...(paper.statedTopics ?? []), ...stated])];
  }
  const eprintType = (field('eprinttype') ?? field('archiveprefix') ?? '').toLowerCase();
  const eprint = field('eprint');
  const arxiv =
    (eprint && eprintType === 'arxiv' ? arxivFromId(eprint) ?? eprint : undefined) ??
    (field('arxivid') ? arxivFromId(field('arxivid')!) : undefined) ??
    (eprint && !eprintType ? arxivFromId(eprint) : undefined) ??
    paper.arxiv ??
    arxivFromText([field('journal'), field('note'), field('howpublished')].filter(Boolean).join(' '));
  if (arxiv) {
    paper.arxiv = arxiv;
  }
  return paper;
}
