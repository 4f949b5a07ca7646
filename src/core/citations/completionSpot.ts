import { isCiteCommand, maskLatex } from './latex';
import { maskPandoc } from './pandoc';
import { analyzeTypst } from './typst';
import type { CitationSyntax } from './types';

/** Where a key is being typed: what to search for, and what accepting a suggestion replaces. */
export interface CompletionSpot {
  /** The text typed so far after `@`, `{`, `,` or `<` (may be empty): the search query. */
  query: string;
  /** The partial token: from where the key starts to the end of the key characters after the cursor. */
  start: number;
  end: number;
  /** Written before the key: `@` (or ` @`) when a new key follows `;` in a pandoc group, else nothing. */
  prefix: string;
}

const PANDOC_KEY_CHARS = /^[\p{L}\p{N}_:.#$%&\-+?<>~/]*/u;
const LATEX_KEY_CHARS = /^[^,}\s%\\]*/;
const TYPST_KEY_CHARS = /^[\p{L}\p{N}_\-:.]*/u;
/** How much of a query with spaces (`[@sparse gpt`) is read at most. */
const MAX_QUERY = 60;

/**
 * The citation key being typed at `offset`, if the cursor is in a place a
 * key belongs: after `@` in Markdown and Typst (in a bracketed group the
 * query may have spaces, so `[@sparse gpt` searches two words), after
 * `;` in a pandoc group, inside `\cite…{` or after its commas, in
 * `#cite(<`. Undefined in code, comments, URLs or e-mail addresses.
 */
export function completionSpot(text: string, offset: number, syntax: CitationSyntax): CompletionSpot | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const lineEnd = newline === -1 ? text.length : newline;
  const upToLine = text.slice(0, lineEnd);
  const masked = syntax === 'pandoc' ? maskPandoc(upToLine) : syntax === 'latex' ? maskLatex(upToLine) : analyzeTypst(upToLine).masked;
  const before = masked.slice(lineStart, offset);
  const after = masked.slice(offset, lineEnd);
  const spot = (query: string, keyChars: RegExp, prefix = ''): CompletionSpot => ({
    query,
    start: offset - query.length,
    end: offset + (keyChars.exec(after)?.[0].length ?? 0),
    prefix,
  });

  if (syntax === 'pandoc') {
    const inBrackets = before.lastIndexOf('[') > before.lastIndexOf(']');
    const typed = /(?:^|[^\p{L}\p{N}_\\])-?@\{?([^@;,[\]{}]*)$/u.exec(before);
    if (typed) {
      const query = typed[1];
      if (inBrackets ? query.length <= MAX_QUERY && !/^\s/.test(query) : PANDOC_KEY_CHARS.exec(query)?.[0] === query) return spot(query, PANDOC_KEY_CHARS);
      return undefined;
    }
    if (inBrackets && /;\s*$/.test(before) && before.slice(before.lastIndexOf('[')).includes('@')) return spot('', PANDOC_KEY_CHARS, before.endsWith(';') ? ' @' : '@');
    return undefined;
  }
  if (syntax === 'latex') {
    const command = /\\([A-Za-z]+)\*?(?:\([^()]*\)){0,2}(?:\s*\[[^\]]*\]|\s*\{[^{}]*\})*\s*\{([^{}]*)$/.exec(before);
    if (!command || !isCiteCommand(command[1])) return undefined;
    const query = command[2].slice(command[2].lastIndexOf(',') + 1).trimStart();
    return spot(query, LATEX_KEY_CHARS);
  }
  const typed = /(?:^|[^\p{L}\p{N}_\\])@([\p{L}\p{N}_\-:.]*)$/u.exec(before) ?? /\bcite\(\s*<([^>\s]*)$/.exec(before);
  return typed ? spot(typed[1], TYPST_KEY_CHARS) : undefined;
}
