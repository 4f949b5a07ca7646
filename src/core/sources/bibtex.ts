/**
 * BibTeX / BibLaTeX source, on top of @citation-js/plugin-bibtex.
 *
 * How a file is read:
 * 1. A small scanner splits the text into top-level `@type{...}` / `@type(...)`
 *    blocks, recording each block's first line. `@comment` and `@preamble`
 *    blocks are dropped; `@string` blocks are kept for their macros.
 * 2. The kept blocks are parsed a few hundred at a time, after the `@string`
 *    blocks that precede them (so macros still resolve).
 * 3. If a run of blocks throws, it is halved until the broken block is found.
 *    A block that fails becomes an error Problem at its line; its neighbours
 *    are kept.
 * 4. The good entries go through citation-js's CSL mapping a hundred at a
 *    time, each batch with the entries its `crossref`s name, and each CSL
 *    item becomes a DraftPaper.
 *
 * citation-js's grammar throws on the first syntax error of its input, which
 * is why step 3 exists. Steps 2 and 4 work in batches so that a large file
 * can be read in time slices (`parseBibtexSteps`) without freezing the host.
 */
import { parse as parseBibFile, type RawBibEntry } from '@citation-js/plugin-bibtex/lib/input/file.js';
import { parse as bibEntriesToCsl } from '@citation-js/plugin-bibtex/lib/input/entries.js';
import type { DraftParseResult, DraftPaper, Problem, SourceRef } from '../model';
import { runToEnd, type Steps } from '../slices';
import { withUnicodeFields } from '../text/latexToUnicode';
import { arxivFromId, arxivFromText, cslItemToDraft, splitKeywords, yearFromText, type CslItem } from './cslJson';

/** One top-level block of a BibTeX file, as the scanner found it. */
export interface BibBlock {
  /** Entry type, lower case: article, string, comment, ... */
  type: string;
  /** The citation key as written after the opening delimiter (entries only). */
  label?: string;
  /** 1-based line of the block's `@`. */
  line: number;
  /** The block's text, from `@` to its closing delimiter. */
  text: string;
  /** True when the block never closed (it ran into the next entry or the end of the file). */
  unterminated?: boolean;
}

/** Blocks per parser call in step 2, and entries per CSL mapping call in step 4: each about 10 ms of work. */
const READ_BATCH = 500;
const CONVERT_BATCH = 100;

/** Parses BibTeX text into draft papers. Never throws. */
export function parseBibtex(text: string, source: string): DraftParseResult {
  return runToEnd(parseBibtexSteps(text, source));
}

/** `parseBibtex` step by step, for `runInSlices`. Never throws. */
export function* parseBibtexSteps(text: string, source: string): Steps<DraftParseResult> {
  const problems: Problem[] = [];
  try {
    const papers = yield* parseChecked(text, source, problems);
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { papers, problems };
  } catch (e) {
    // Defensive: every step below guards itself, but a parser must never throw.
    problems.push({ source, severity: 'error', message: `Could not read this BibTeX file: ${condense(e)}` });
    return { papers: [], problems };
  } finally {
    // The file and field grammars keep their last input between calls, and that input
    // holds the whole file text in memory; a tiny entry replaces it.
    bibEntriesToCsl(parseBibFile('@misc{release, title = {x}, author = {x}}'));
  }
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

interface GoodEntry {
  raw: RawBibEntry;
  line: number;
}

function* parseChecked(input: string, source: string, problems: Problem[]): Steps<DraftPaper[]> {
  const text = normalize(String(input ?? ''), source, problems);
  yield;
  const blocks = yield* scanBibBlockSteps(text);

  // Entries and @string blocks, in file order, so each entry sees only the macros defined before it.
  const ordered: BibBlock[] = [];
  let entryCount = 0;
  for (const block of blocks) {
    if (block.unterminated && block.type !== 'comment') {
      problems.push({
        source,
        line: block.line,
        severity: 'error',
        message: `${describeBlock(block)} is not closed (a "}" or ")" is missing); it was skipped.`,
      });
    } else if (block.type === 'string') {
      ordered.push(block);
    } else if (block.type !== 'comment' && block.type !== 'preamble') {
      ordered.push(block);
      entryCount++;
    }
  }

  yield;
  const good = entryCount === 0 ? [] : yield* readEntries(ordered, source, problems);
  return yield* toPapers(dedupe(good, source, problems), source, problems);
}

/** Strips a BOM and NUL bytes, and turns CRLF / CR line ends into LF. */
function normalize(text: string, source: string, problems: Problem[]): string {
  let t = text.replace(/^\uFEFF/, '');
  const nul = t.indexOf('\0');
  if (nul >= 0) {
    problems.push({
      source,
      line: lineAt(t, nul),
      severity: 'warning',
      message: 'The file contains NUL bytes, which were ignored (is it saved as UTF-16? LitNotes expects UTF-8).',
    });
    t = t.replace(/\0/g, '');
  }
  return t.includes('\r') ? t.replace(/\r\n?/g, '\n') : t;
}

/** Steps 2 and 3: raw entries, in file order, with their lines. */
function* readEntries(ordered: BibBlock[], source: string, problems: Problem[]): Steps<GoodEntry[]> {
  // Runs of blocks are parsed together and halved only when they fail, so the
  // @string prefix is re-read O(broken blocks x log n) times, not once per block
  // (which made a file with many macros and one broken entry quadratic).
  const good: GoodEntry[] = [];
  let prefix = '';
  let prefixLines = 0;
  const readRun = (run: BibBlock[]): void => {
    if (run.length === 0) {
      return;
    }
    const split = () => {
      const mid = run.length >> 1;
      readRun(run.slice(0, mid));
      readRun(run.slice(mid));
    };
    let raws: RawBibEntry[];
    try {
      raws = parseBibFile(prefix + run.map((b) => b.text).join('\n'));
    } catch (e) {
      if (run.length > 1) {
        split();
      } else {
        problems.push({
          source,
          line: run[0].line,
          severity: 'error',
          message: `${describeBlock(run[0])} could not be read, so it was skipped: ${syntaxMessage(e, run[0].line, prefixLines)}`,
        });
      }
      return;
    }
    const runEntries = run.filter((b) => b.type !== 'string');
    if (raws.length !== runEntries.length) {
      if (run.length > 1) {
        split();
      }
      return;
    }
    raws.forEach((raw, i) => good.push({ raw, line: runEntries[i].line }));
    for (const block of run) {
      if (block.type === 'string') {
        prefix += block.text + '\n';
        prefixLines += countLines(block.text);
      }
    }
  };
  for (let start = 0; start < ordered.length; start += READ_BATCH) {
    readRun(ordered.slice(start, start + READ_BATCH));
    yield;
  }
  return good;
}

/** Keeps the first entry of each key; later ones get a warning. */
function dedupe(entries: GoodEntry[], source: string, problems: Problem[]): GoodEntry[] {
  const first = new Map<string, number>();
  const kept: GoodEntry[] = [];
  for (const entry of entries) {
    const seenAt = first.get(entry.raw.label);
    if (seenAt !== undefined) {
      problems.push({
        source,
        line: entry.line,
        severity: 'warning',
        message: `Duplicate key "${entry.raw.label}" (first defined on line ${seenAt}); this entry was ignored.`,
      });
      continue;
    }
    first.set(entry.raw.label, entry.line);
    kept.push(entry);
  }
  return kept;
}

/** Step 4: CSL mapping in batches (crossref resolved), then DraftPapers with strings of their own. */
function* toPapers(input: GoodEntry[], source: string, problems: Problem[]): Steps<DraftPaper[]> {
  const byLabel = new Map(input.map((entry) => [entry.raw.label, entry]));
  const papers: DraftPaper[] = [];
  for (let start = 0; start < input.length; start += CONVERT_BATCH) {
    for (const paper of detach(convertBatch(input.slice(start, start + CONVERT_BATCH), byLabel, source, problems))) papers.push(paper);
    yield;
  }
  return papers;
}

function convertBatch(batch: GoodEntry[], byLabel: Map<string, GoodEntry>, source: string, problems: Problem[]): DraftPaper[] {
  let entries = batch;
  let csl = convertWithParents(entries, byLabel);
  if (!csl) {
    // Some entry's values upset the mapper. Convert one at a time to find it,
    // drop the field at fault (or the entry), then convert the rest together
    // again so that crossref still resolves.
    entries = entries.flatMap((entry) => {
      const repaired = repairEntry(entry, source, problems);
      return repaired ? [repaired] : [];
    });
    csl = convertWithParents(entries, byLabel) ?? entries.map((e) => (convertWithParents([e], byLabel) ?? convertAll([e]))?.[0]);
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
function convertWithParents(entries: GoodEntry[], byLabel: Map<string, GoodEntry>): Array<CslItem | undefined> | undefined {
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
  return convertAll([...entries, ...parents])?.slice(0, entries.length);
}

/** citation-js's CSL items for these entries, in the same order; undefined if the mapper throws. */
function convertAll(entries: GoodEntry[]): Array<CslItem | undefined> | undefined {
  try {
    const all = bibEntriesToCsl(entries.map((e) => withUnicodeFields(e.raw)));
    return all.length === entries.length ? all : matchById(all, entries);
  } catch {
    return undefined;
  }
}

/**
 * An entry the mapper can convert: as it is, or without the fields that make
 * the mapper throw (each with a warning). Undefined, with an error, if that fails.
 */
function repairEntry(entry: GoodEntry, source: string, problems: Problem[]): GoodEntry | undefined {
  let raw = entry.raw;
  const dropped: Array<[string, unknown]> = [];
  let firstError: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    const error = conversionError(raw);
    if (error === undefined) {
      for (const [field, why] of dropped) {
        problems.push({
          source,
          line: entry.line,
          severity: 'warning',
          message: `In entry "${raw.label}", field "${field}" could not be read and was ignored: ${condense(why).replace(/ at line \d+ col \d+.*$/, '')}.`,
        });
      }
      return { raw, line: entry.line };
    }
    firstError ??= error;
    // The field at fault: the one the message names, else the first whose removal lets the entry convert.
    const named = /Failed to convert (\S+) to/.exec(condense(error))?.[1];
    const fields = Object.keys(raw.properties);
    const culprit =
      named && fields.includes(named)
        ? named
        : fields.find((f) => conversionError(withoutField(raw, f)) === undefined);
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
    message: `Entry "${entry.raw.label}" could not be converted, so it was skipped: ${condense(firstError)}`,
  });
  return undefined;
}

function conversionError(raw: RawBibEntry): unknown {
  try {
    bibEntriesToCsl([raw]);
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

/** Fields citation-js's CSL mapping drops or changes: entry type, year fallback, file, eprint, keywords. */
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

/**
 * Splits BibTeX text into top-level blocks. Braces are balanced with `\{` and
 * `\}` treated as text, as the grammar does. A line whose first character is
 * `%` is a comment outside entries. A block still open when a new line starts
 * with `@type{` is marked unterminated and ends there, so one missing brace
 * does not swallow the rest of the file (except inside `@comment`, which may
 * quote whole entries; an unclosed `@comment` ends at its own line).
 */
export function scanBibBlocks(text: string): BibBlock[] {
  return runToEnd(scanBibBlockSteps(text));
}

/** `scanBibBlocks` step by step: it yields after every thousand blocks or so. */
function* scanBibBlockSteps(text: string): Steps<BibBlock[]> {
  const blocks: BibBlock[] = [];
  let nextYield = 1024;
  const header = /@[ \t\n]*([A-Za-z_][A-Za-z0-9_:+-]*)[ \t\n]*([{(])/y;
  const nextEntryAtLineStart = /[ \t]*@[ \t]*[A-Za-z_][A-Za-z0-9_:+-]*[ \t]*[{(]/y;
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = true;
  while (i < n) {
    if (blocks.length >= nextYield) {
      nextYield += 1024;
      yield;
    }
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
      lineStart = true;
      continue;
    }
    if (lineStart && (c === 32 || c === 9)) {
      i++;
      continue;
    }
    if (lineStart && c === 37 /* % */) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
      continue;
    }
    lineStart = false;
    if (c !== 64 /* @ */) {
      i++;
      continue;
    }
    header.lastIndex = i;
    const m = header.exec(text);
    if (!m) {
      i++;
      continue;
    }
    const type = m[1].toLowerCase();
    const parens = m[2] === '(';
    const startLine = line;
    let j = i + m[0].length;
    let depth = parens ? 0 : 1;
    let inQuote = false;
    let end = -1;
    let stoppedAt = -1;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      if (d === 92 /* \ */) {
        const e = text.charCodeAt(j + 1);
        if (e === 123 || e === 125 || e === 92) {
          j++;
        }
        continue;
      }
      if (d === 10) {
        if (type !== 'comment') {
          nextEntryAtLineStart.lastIndex = j + 1;
          if (nextEntryAtLineStart.test(text) && (depth > 0 || parens)) {
            stoppedAt = j + 1;
            break;
          }
        }
        continue;
      }
      if (d === 123 /* { */) {
        depth++;
      } else if (d === 125 /* } */) {
        depth--;
        if (!parens && depth === 0) {
          end = j + 1;
          break;
        }
        if (depth < 0) {
          depth = 0;
        }
      } else if (parens && depth === 0) {
        if (d === 34 /* " */) {
          inQuote = !inQuote;
        } else if (d === 41 /* ) */ && !inQuote) {
          end = j + 1;
          break;
        }
      }
    }
    if (end >= 0) {
      const blockText = text.slice(i, end);
      blocks.push({ type, label: labelOf(type, text, i + m[0].length, end), line: startLine, text: blockText });
      line = startLine + countNewlines(blockText);
      i = end;
    } else if (type === 'comment') {
      // An unclosed @comment: treat its first line as the comment and go on.
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
    } else {
      const stop = stoppedAt >= 0 ? stoppedAt : n;
      const blockText = text.slice(i, stop);
      blocks.push({
        type,
        label: labelOf(type, text, i + m[0].length, stop),
        line: startLine,
        text: blockText,
        unterminated: true,
      });
      line = startLine + countNewlines(blockText);
      i = stop;
      lineStart = stoppedAt >= 0;
    }
  }
  return blocks;
}

function labelOf(type: string, text: string, from: number, to: number): string | undefined {
  if (type === 'string' || type === 'comment' || type === 'preamble') {
    return undefined;
  }
  const m = /^\s*([^,\s{}()]+)\s*,/.exec(text.slice(from, Math.min(to, from + 300)));
  return m ? m[1] : undefined;
}

function describeBlock(block: BibBlock): string {
  if (block.type === 'string') {
    return '@string definition';
  }
  return block.label ? `Entry "${block.label}"` : `@${block.type} entry`;
}

/**
 * The grammar's message on one line, with its line number made absolute:
 * `expected "rbrace", got "identifier" at line 3 col 5: ...` → `... at line 12, column 5`.
 */
function syntaxMessage(error: unknown, blockLine: number, prefixLines: number): string {
  const first = condense(error);
  const m = /^(.*?) at line (\d+) col (\d+)/.exec(first);
  if (!m) {
    return first;
  }
  const absolute = blockLine + Math.max(0, Number(m[2]) - prefixLines - 1);
  let hint = '';
  if (/expected "rbrace", got "identifier"/.test(m[1]) || /expected "comma", got "identifier"/.test(m[1])) {
    hint = ' (is a comma missing before this field?)';
  } else if (/expected "label"/.test(m[1]) || /expected "comma"/.test(m[1])) {
    hint = ' (an entry starts with its key and a comma: @article{key, ...)';
  } else if (/got EOF/.test(m[1])) {
    hint = ' (is a closing brace or quote missing?)';
  }
  return `${m[1]} at line ${absolute}, column ${m[3]}${hint}.`;
}

/** An error's message, first line only. */
function condense(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].replace(/:\s*$/, '').trim();
}

function countNewlines(text: string): number {
  let count = 0;
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) {
    count++;
  }
  return count;
}

/** Lines a block occupies once followed by the "\n" separator. */
function countLines(text: string): number {
  return countNewlines(text) + 1;
}

function lineAt(text: string, offset: number): number {
  return countNewlines(text.slice(0, offset)) + 1;
}
