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
 * 4. The good entries go through citation-js's CSL mapping (bibToPapers.ts) a hundred at a
 *    time, each batch with the entries its `crossref`s name, and each CSL
 *    item becomes a DraftPaper. Plain field values (most of them) are read by
 *    a fast port of citation-js's field grammar (bibFastValues.ts) first.
 *
 * citation-js's grammar throws on the first syntax error of its input, which
 * is why step 3 exists. Steps 2 and 4 work in batches so that a large file
 * can be read in time slices without freezing the host.
 */
import { parse as parseBibFile, type RawBibEntry } from '@citation-js/plugin-bibtex/lib/input/file.js';
import { parse as bibEntriesToCsl } from '@citation-js/plugin-bibtex/lib/input/entries.js';
import type { DraftParseResult, DraftPaper, Problem } from '../model';
import { countNewlines, firstLineOf, lineAt } from '../lines';
import type { Steps } from '../slices';
import { scanBibBlockSteps, type BibBlock } from './bibScanner';
import { toPapers, type GoodEntry } from './bibToPapers';
import { groupsOfEntry, isJabrefGroupComment, parseJabrefGroupTree } from './jabrefGroups';

/** Blocks per parser call in step 2: about 10 ms of work. */
const READ_BATCH = 500;

export interface BibtexOptions {
  /**
   * Read plain field values with the fast reader (bibFastValues.ts), the
   * default; false sends every value through citation-js's own grammar (the
   * careful path, which tests and the bench compare against).
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
  const problems: Problem[] = [];
  try {
    const papers = yield* parseChecked(text, source, problems, options);
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { papers, problems };
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

function* parseChecked(input: string, source: string, problems: Problem[], options: BibtexOptions): Steps<DraftPaper[]> {
  const text = normalize(String(input ?? ''), source, problems);
  yield;
  const blocks = yield* scanBibBlockSteps(text);

  // Entries and @string blocks, in file order, so each entry sees only the macros defined before it.
  const ordered: BibBlock[] = [];
  const groupTrees: BibBlock[] = [];
  let entryCount = 0;
  for (const block of blocks) {
    if (block.type === 'comment' && isJabrefGroupComment(block.text)) groupTrees.push(block);
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
  const kept = dedupe(good, source, problems);
  const file = groupTrees.length > 0 ? jabrefFiler(groupTrees, kept, source, problems) : undefined;
  if (!file) return yield* toPapers(kept, source, problems, options);
  // Each batch is filed as it is made, whether it is handed over or kept.
  const papers: DraftPaper[] = [];
  const take = options.onPapers ?? ((batch: DraftPaper[]) => void papers.push(...batch));
  yield* toPapers(kept, source, problems, { ...options, onPapers: (batch) => take(file(batch)) });
  return papers;
}

/**
 * Files papers under the JabRef groups their entries are in, as stated
 * topics (see jabrefGroups.ts); group kinds it cannot read are reported once.
 */
function jabrefFiler(blocks: BibBlock[], entries: GoodEntry[], source: string, problems: Problem[]): (papers: DraftPaper[]) => DraftPaper[] {
  const raws = new Map(entries.map((e) => [e.raw.label, e.raw]));
  const trees = blocks.map((block) => {
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
  }).filter((tree) => tree.groups.length > 0);
  return (papers) => {
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
  };
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
