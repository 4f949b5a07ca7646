/**
 * The BibTeX block scanner: splits a file's text into top-level
 * `@type{...}` / `@type(...)` blocks with their first lines, so that the
 * parser reads entries one run at a time and a broken entry costs only itself.
 */
import { countNewlines } from '../lines';
import type { Steps } from '../slices';

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

/**
 * Splits BibTeX text into top-level blocks. Braces are balanced with `\{` and
 * `\}` treated as text, as the grammar does. A line whose first character is
 * `%` is a comment outside entries. A block still open when a new line starts
 * with `@type{` is marked unterminated and ends there, so one missing brace
 * does not swallow the rest of the file (except inside `@comment`, which may
 * quote whole entries; an unclosed `@comment` ends at its own line).
 * Yields after every thousand blocks or so.
 */
export function* scanBibBlockSteps(text: string): Steps<BibBlock[]> {
  return (yield* scanBibWindowSteps(text, 1, true)).blocks;
}

/** The blocks of one window of a file's text, and where the part still undecided starts. */
export interface BibWindow {
  blocks: BibBlock[];
  /** Offset of the first character not yet part of a block's decision: the next window starts here. */
  rest: number;
  /** The line at `rest`. */
  restLine: number;
}

/**
 * Scans a window of a file's text, which starts at a line start on line
 * `firstLine`. In a window that is not the file's last (`final` false, and the
 * window ends at a line end), a block still open at the window's end, or an
 * `@` that more text could make a block header, is left undecided: it and
 * everything after it go into the next window, so a file read window by
 * window gives the same blocks as the whole text.
 */
export function* scanBibWindowSteps(text: string, firstLine: number, final: boolean): Steps<BibWindow> {
  const blocks: BibBlock[] = [];
  // A step ends after 1024 blocks or 128K characters, whichever comes first.
  let nextYield = 1024;
  let nextYieldAt = 1 << 17;
  const header = /@[ \t\n]*([A-Za-z_][A-Za-z0-9_:+-]*)[ \t\n]*([{(])/y;
  const maybeHeader = /@[ \t\n]*[A-Za-z0-9_:+-]*[ \t\n]*$/y;
  const nextEntryAtLineStart = /[ \t]*@[ \t]*[A-Za-z_][A-Za-z0-9_:+-]*[ \t]*[{(]/y;
  const n = text.length;
  let i = 0;
  let line = firstLine;
  let lineStart = true;
  while (i < n) {
    if (blocks.length >= nextYield || i >= nextYieldAt) {
      nextYield = blocks.length + 1024;
      nextYieldAt = i + (1 << 17);
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
      maybeHeader.lastIndex = i;
      if (!final && maybeHeader.test(text)) return { blocks, rest: i, restLine: line };
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
    if (!final && end < 0 && stoppedAt < 0) return { blocks, rest: i, restLine: startLine };
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
  return { blocks, rest: n, restLine: line };
}

function labelOf(type: string, text: string, from: number, to: number): string | undefined {
  if (type === 'string' || type === 'comment' || type === 'preamble') {
    return undefined;
  }
  const m = /^\s*([^,\s{}()]+)\s*,/.exec(text.slice(from, Math.min(to, from + 300)));
  return m ? m[1] : undefined;
}
