/**
 * BibTeX / BibLaTeX source, on top of @citation-js/plugin-bibtex.
 *
 * How a file is read:
 * 1. A small scanner (bibScanner.ts) splits the text into top-level `@type{...}` / `@type(...)`
 *    blocks, recording each block's first line. `@comment` and `@preamble`
 *    blocks are dropped; `@string` blocks are kept for their macros.
 * 2. The kept blocks are parsed a few hundred at a time, after the `@string`
 *    blocks that precede them (so macros still resolve).
 * 3. If a run of blocks throws, it is halved until the broken block is found.
 *    A block that fails becomes an error Problem at its line; its neighbours
 *    are kept.
 * 4. Each run's good entries go through citation-js's CSL mapping (bibToPapers.ts) a hundred at a
 *    time, each batch with the entries its `crossref`s name, and each CSL
 *    item becomes a DraftPaper. Plain field values (most of them) are read by
 *    a fast port of citation-js's field grammar (bibFastValues.ts) first.
 *    An entry whose `crossref` parent comes later in the file waits until
 *    the end; the entries `crossref`s name are kept for that.
 *
 * citation-js's grammar throws on the first syntax error of its input, which
 * is why step 3 exists. Steps 2 and 4 work in runs so that a large file
 * can be read in time slices without freezing the host, and without holding
 * the whole file's raw entries.
 */
import { parse as parseBibFile, type RawBibEntry } from '@citation-js/plugin-bibtex/lib/input/file.js';
import { parse as bibEntriesToCsl } from '@citation-js/plugin-bibtex/lib/input/entries.js';
import type { DraftParseResult, DraftPaper, Problem } from '../model';
import { countNewlines, firstLineOf } from '../lines';
import { GrowingBatches, type Steps } from '../slices';
import type { BibBlock } from './bibScanner';
import { allBytes, asByteSource, type ByteSource } from '../load/byteSource';
import { blocksNamed, CARRIED_WINDOWS, forEachWindow, readWhole, utf8Windows, WINDOW_BYTES, type TextSource } from './bibWindows';
import { decodeText } from './decodeText';
import { StringPool } from '../stringPool';
import { toPapers, type GoodEntry } from './bibToPapers';
import { defaultMacros, fastMacro, fastRawEntry } from './bibFastEntry';
import { groupsOfEntry, isJabrefGroupComment, parseJabrefGroupTree, type JabrefGroupTree } from './jabrefGroups';

/** Blocks per parser call in step 2: about 10 ms of work, once the code is warm (the first calls read fewer). */
const READ_BATCH = 500;
const READ_FIRST_BATCH = 25;

export interface BibtexOptions {
  /**
   * Read entries of the common shape and plain field values with the fast
   * readers (bibFastEntry.ts, bibFastValues.ts), the default; false sends
   * every entry and value through citation-js's own grammars (the careful
   * path, which tests and the bench compare against).
   */
  fastValues?: boolean;
  /**
   * Give every paper strings of their own (see `detach` in bibToPapers.ts), the
   * default. A parse worker turns the papers into JSON anyway, which does the same.
   */
  detach?: boolean;
  /**
   * Hands the papers over batch by batch, in file order, as they are made
   * (the result then has none): a parse worker sends them on at once rather
   * than holding a whole file's papers.
   */
  onPapers?: (papers: DraftPaper[]) => void;
}

/**
 * Parses BibTeX text into draft papers, step by step: run it with `runToEnd`
 * or `runInSlices` (src/core/slices.ts). Never throws.
 */
export function* parseBibtexSteps(text: string, source: string, options: BibtexOptions = {}): Steps<DraftParseResult> {
  return yield* parseGuarded({ text: { pieces: () => [String(text ?? '')][Symbol.iterator](), source, fromBytes: false, carryLimit: Infinity } }, options);
}

/**
 * Parses a BibTeX file from its bytes, a window of `windowBytes` at a time:
 * only one window's text is held, never the whole file's (a 200 MB file is
 * 400 MB of text in memory once it holds one character beyond Latin-1).
 * UTF-16 files, and files with a JabRef group tree (which JabRef writes at
 * the end, and which every entry before it needs), are read whole.
 */
export function* parseBibtexBytesSteps(bytes: Uint8Array | ByteSource, source: string, options: BibtexOptions = {}, windowBytes = WINDOW_BYTES): Steps<DraftParseResult> {
  const file = asByteSource(bytes);
  if (readWhole(file, windowBytes)) {
    const { text, problems } = decodeText(allBytes(bytes), source);
    const result = yield* parseBibtexSteps(text, source, options);
    result.problems.unshift(...problems);
    return result;
  }
  return yield* parseGuarded({ text: { pieces: () => utf8Windows(file, windowBytes), source, fromBytes: true, carryLimit: CARRIED_WINDOWS * windowBytes } }, options);
}

/** Bytes `start` to `end` of a file, read by one of several workers (see fileParts.ts). */
export interface FilePart {
  start: number;
  end: number;
}

/**
 * Parses one part of a UTF-8 BibTeX file (no JabRef group tree) from the
 * whole file's bytes: the text before the part is scanned for its @string
 * macros and its lines; entries that `crossref`s name are looked for in the
 * whole file. Keys repeated in an earlier part are not known here (joinParts
 * drops them). `undecided`: the file must be read whole (the part ended
 * inside a block, or the file has a JabRef group tree).
 */
export function* parseBibtexPartSteps(bytes: Uint8Array | ByteSource, part: FilePart, source: string, options: BibtexOptions = {}, windowBytes = WINDOW_BYTES): Steps<DraftParseResult & { undecided: boolean }> {
  const file = asByteSource(bytes);
  // A JabRef group tree (at the file's end) is needed by every entry, and UTF-16 has no safe cuts: such a file is read whole.
  if (readWhole(file, windowBytes)) return { papers: [], problems: [], undecided: true };
  const carryLimit = CARRIED_WINDOWS * windowBytes;
  const range = (start: number, end: number): TextSource => ({ pieces: () => utf8Windows(file, windowBytes, start, end), source, fromBytes: true, carryLimit });
  const result = yield* parseGuarded({
    text: { ...range(part.start, part.end), open: part.end < file.length },
    before: part.start > 0 ? range(0, part.start) : undefined,
    whole: range(0, file.length),
  }, options);
  return { ...result, undecided: result.undecided === true };
}

/** What to read: `text`, after `before` (read for its macros and lines only); crossref parents are looked for in `whole`. */
interface ReadPlan {
  text: TextSource;
  before?: TextSource;
  whole?: TextSource;
}

function* parseGuarded(plan: ReadPlan, options: BibtexOptions): Steps<DraftParseResult & { undecided?: boolean }> {
  const problems: Problem[] = [];
  const { source } = plan.text;
  try {
    const { papers, undecided } = yield* parseChecked(plan, problems, options);
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return undecided ? { papers, problems, undecided } : { papers, problems };
  } catch (e) {
    // Defensive: every step below guards itself, but a parser must never throw.
    problems.push({ source, severity: 'error', message: `Could not read this BibTeX file: ${firstLineOf(e)}` });
    return { papers: [], problems };
  } finally {
    // The file and field grammars keep their last input between calls, and that input
    // holds the whole file text in memory; a tiny entry replaces it.
    bibEntriesToCsl(parseBibFile('@misc{release, title = {x}, author = {x}}'));
  }
}

function* parseChecked({ text, before, whole = text }: ReadPlan, problems: Problem[], options: BibtexOptions): Steps<{ papers: DraftPaper[]; undecided: boolean }> {
  const { source } = text;
  const papers: DraftPaper[] = [];
  const handOver = options.onPapers ?? ((batch: DraftPaper[]) => void papers.push(...batch));
  // Papers with strings of their own (see `detach`) share their repeated short ones; a worker's papers are shared where they arrive.
  const strings = (options.detach ?? true) ? new StringPool() : undefined;
  const take = (batch: DraftPaper[]) => {
    if (strings) for (const paper of batch) strings.paper(paper);
    handOver(batch);
  };
  const groupTrees: JabrefGroupTree[] = [];
  // Each batch is filed under its JabRef groups (while its raw entries are at hand) and handed on.
  const convert = function* (entries: GoodEntry[], parents: ReadonlyMap<string, GoodEntry>): Steps<void> {
    const raws = groupTrees.length > 0 ? new Map(entries.map((e) => [e.raw.label, e.raw])) : undefined;
    const onPapers = (batch: DraftPaper[]) => take(raws ? fileUnderGroups(groupTrees, batch, raws) : batch);
    yield* toPapers(entries, source, problems, { ...options, onPapers }, parents);
  };

  // The file is read a run of blocks at a time, and each run's entries become papers before the next
  // run is read: only one run's raw entries are held, not the whole file's (at 100k entries, hundreds of MB).
  const read = entryReader(source, problems, options.fastValues ?? true);
  const firstLines = new Map<string, number>();
  // Entries that `crossref`s name are kept for the children that inherit from them.
  const wanted = new Set<string>();
  const parents = new Map<string, GoodEntry>();
  // A child whose parent has not been read yet (BibTeX puts parents after their children) waits for the end.
  const waiting: GoodEntry[] = [];
  const hasAllParents = (entry: GoodEntry): boolean => {
    for (let label = crossrefOf(entry.raw), hops = 0; label !== undefined && hops < 16; hops++) {
      const parent = parents.get(label);
      if (!parent) return false;
      label = crossrefOf(parent.raw);
    }
    return true;
  };
  const batches = new GrowingBatches(READ_FIRST_BATCH, READ_BATCH);
  const readRun = function* (run: BibBlock[]): Steps<void> {
    const kept = dedupe(read(run), firstLines, source, problems);
    for (const entry of kept) {
      const parent = crossrefOf(entry.raw);
      if (parent !== undefined) wanted.add(parent);
    }
    const now: GoodEntry[] = [];
    for (const entry of kept) {
      if (wanted.has(entry.raw.label)) parents.set(entry.raw.label, entry);
      if (crossrefOf(entry.raw) === undefined || hasAllParents(entry)) now.push(entry);
      else waiting.push(entry);
    }
    for (const entry of parents.values()) {
      const parent = crossrefOf(entry.raw);
      if (parent !== undefined) wanted.add(parent);
    }
    yield* convert(now, parents);
    yield;
  };

  // A part of a file starts with the macros, and after the lines, of the text before it.
  let firstLine = 1;
  if (before) {
    const end = yield* forEachWindow(before, undefined, function* (blocks) {
      read(blocks.filter((block) => block.type === 'string' && !block.unterminated));
      yield;
    });
    firstLine = end.line;
  }

  const end = yield* forEachWindow({ ...text, firstLine }, problems, function* (blocks) {
    // Entries and @string blocks, in file order, so each entry sees only the macros defined before it.
    const ordered: BibBlock[] = [];
    for (const block of blocks) {
      if (block.type === 'comment' && isJabrefGroupComment(block.text)) {
        const tree = groupTreeOf(block, source, problems);
        if (tree.groups.length > 0) groupTrees.push(tree);
      }
      if (block.unterminated && block.type !== 'comment') {
        problems.push({
          source,
          line: block.line,
          severity: 'error',
          message: `${describeBlock(block)} is not closed (a "}" or ")" is missing); it was skipped.`,
        });
      } else if (block.type !== 'comment' && block.type !== 'preamble') {
        ordered.push(block);
      }
    }
    yield;
    for (let start = 0; start < ordered.length;) {
      const end = start + batches.next();
      yield* readRun(ordered.slice(start, end));
      start = end;
    }
  });

  if (waiting.length > 0) {
    // Parents read before anyone asked for them are read again, with every macro of the file.
    yield* rereadParents(waiting, parents, (missing) => blocksNamed(whole, missing), read);
    yield* convert(waiting, parents);
  }
  return { papers, undecided: end.undecided };
}

/** The key a `crossref` field names, if any. */
function crossrefOf(raw: RawBibEntry): string | undefined {
  const value = raw.properties.crossref;
  return value === undefined || value === '' ? undefined : String(value);
}

/** Adds to `parents` the entries the waiting children (and their parents, up the chain) name and `parents` lacks. */
function* rereadParents(waiting: GoodEntry[], parents: Map<string, GoodEntry>, find: (missing: Set<string>) => Steps<BibBlock[]>, read: (run: BibBlock[]) => GoodEntry[]): Steps<void> {
  const lacking = (entries: GoodEntry[]) => new Set(entries.map((e) => crossrefOf(e.raw)).filter((label): label is string => label !== undefined && !parents.has(label)));
  let missing = lacking(waiting);
  for (let round = 0; round < 16 && missing.size > 0; round++) {
    const found = read(yield* find(missing));
    for (const entry of found) if (!parents.has(entry.raw.label)) parents.set(entry.raw.label, entry);
    missing = lacking(found);
  }
}

/** The group tree of a JabRef `@comment` block; group kinds it cannot read are reported. */
function groupTreeOf(block: BibBlock, source: string, problems: Problem[]): JabrefGroupTree {
  const tree = parseJabrefGroupTree(block.text);
  if (tree.skipped.length > 0) {
    problems.push({
      source,
      line: block.line,
      severity: 'info',
      message: `These JabRef groups are not used as topics (LitNotes reads static, keyword and automatic keyword groups): ${tree.skipped.join(', ')}.`,
    });
  }
  return tree;
}

/** Files papers under the JabRef groups their entries (`raws`, by key) are in, as stated topics (see jabrefGroups.ts). */
function fileUnderGroups(trees: readonly JabrefGroupTree[], papers: DraftPaper[], raws: ReadonlyMap<string, RawBibEntry>): DraftPaper[] {
  for (const paper of papers) {
    const raw = paper.key === undefined ? undefined : raws.get(paper.key);
    if (!raw) continue;
    const field = (name: string) => {
      const v = raw.properties[name] ?? raw.properties[name.toLowerCase()];
      return v === undefined ? undefined : String(v);
    };
    const names = trees.flatMap((tree) => groupsOfEntry(tree, raw.label, field));
    if (names.length > 0) paper.statedTopics = [...new Set([...(paper.statedTopics ?? []), ...names])];
  }
  return papers;
}

/**
 * Steps 2 and 3: a reader of runs of blocks (in file order) into raw entries
 * with their lines. It keeps the @string blocks it has read, for the runs after.
 */
function entryReader(source: string, problems: Problem[], fast: boolean): (run: BibBlock[]) => GoodEntry[] {
  // Runs of blocks are parsed together and halved only when they fail, so the
  // @string prefix is re-read O(broken blocks x log n) times, not once per block
  // (which made a file with many macros and one broken entry quadratic).
  let prefix = '';
  let prefixLines = 0;
  /** The macros in force, for the fast reader; undefined once one was defined that it could not read. */
  let macros: Map<string, string | number> | undefined = defaultMacros();
  const readRun = (run: BibBlock[], good: Map<BibBlock, RawBibEntry>): void => {
    if (run.length === 0) {
      return;
    }
    const split = () => {
      const mid = run.length >> 1;
      readRun(run.slice(0, mid), good);
      readRun(run.slice(mid), good);
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
    raws.forEach((raw, i) => good.set(runEntries[i], raw));
    for (const block of run) {
      if (block.type === 'string') {
        prefix += block.text + '\n';
        prefixLines += countLines(block.text);
      }
    }
  };
  return (run) => {
    const good = new Map<BibBlock, RawBibEntry>();
    // Entries of the common shape are read directly (bibFastEntry.ts), the rest by the grammar. Every @string
    // goes to the grammar too (for the entries it reads); the macros are followed here as long as each reads alike.
    const careful: BibBlock[] = [];
    for (const block of run) {
      if (!fast) {
        careful.push(block);
      } else if (block.type === 'string') {
        const macro = fastMacro(block.text, macros);
        if (macro) macros?.set(...macro);
        else macros = undefined;
        careful.push(block);
      } else {
        const raw = fastRawEntry(block.text, macros);
        if (raw) good.set(block, raw);
        else careful.push(block);
      }
    }
    readRun(careful, good);
    const entries: GoodEntry[] = [];
    for (const block of run) {
      const raw = good.get(block);
      if (raw) entries.push({ raw, line: block.line });
    }
    return entries;
  };
}

/** Keeps the first entry of each key (`first`: the keys read before, with their lines); later ones get a warning. */
function dedupe(entries: GoodEntry[], first: Map<string, number>, source: string, problems: Problem[]): GoodEntry[] {
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
  const first = firstLineOf(error);
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

/** Lines a block occupies once followed by the "\n" separator. */
function countLines(text: string): number {
  return countNewlines(text) + 1;
}
