/**
 * The bibliography that "Insert Bibliography" writes sits between two
 * marker comments, so a second run finds it and replaces it in place.
 */

export type CommentSyntax = 'html' | 'latex' | 'typst';

const MARK = 'litnotes-bibliography';

/** The comment syntax for a VS Code language id: `%` for LaTeX, `//` for Typst, `<!-- -->` otherwise. */
export function commentSyntaxFor(languageId: string): CommentSyntax {
  if (['latex', 'tex', 'context', 'latex-expl3', 'doctex'].includes(languageId)) return 'latex';
  if (languageId === 'typst') return 'typst';
  return 'html';
}

function markers(syntax: CommentSyntax, style: string): { start: string; end: string } {
  const safe = style.replace(/-->|[\r\n]/g, ' ');
  switch (syntax) {
    case 'latex':
      return { start: `% ${MARK} (${safe}): updated by "LitNotes: Insert Bibliography"`, end: `% /${MARK}` };
    case 'typst':
      return { start: `// ${MARK} (${safe}): updated by "LitNotes: Insert Bibliography"`, end: `// /${MARK}` };
    default:
      return { start: `<!-- ${MARK} (${safe}): updated by "LitNotes: Insert Bibliography" -->`, end: `<!-- /${MARK} -->` };
  }
}

const START_LINE = /^[ \t]*(?:<!--|%|\/\/)[ \t]*litnotes-bibliography\b.*$/m;
const END_LINE = /^[ \t]*(?:<!--|%|\/\/)[ \t]*\/litnotes-bibliography\b.*$/m;

/** The existing block's range (from its start marker to the end of its end marker), if the text has one. */
export function findBibliographyBlock(text: string): { start: number; end: number } | undefined {
  const open = START_LINE.exec(text);
  if (!open) return undefined;
  const after = open.index + open[0].length;
  const close = END_LINE.exec(text.slice(after));
  if (!close) return undefined;
  return { start: open.index, end: after + close.index + close[0].length };
}

/** The whole block: markers around the entries, one paragraph per entry. */
export function bibliographyBlock(entries: readonly string[], syntax: CommentSyntax, style: string): string {
  const { start, end } = markers(syntax, style);
  return [start, '', entries.join('\n\n'), '', end].join('\n');
}

/**
 * The edit that writes the bibliography: it replaces the existing block if
 * there is one, otherwise it goes in at `offset`, on lines of its own.
 */
export function bibliographyEdit(text: string, offset: number, entries: readonly string[], syntax: CommentSyntax, style: string): { start: number; end: number; text: string } {
  const block = bibliographyBlock(entries, syntax, style);
  const existing = findBibliographyBlock(text);
  if (existing) return { ...existing, text: block };
  const before = text.slice(0, offset);
  const after = text.slice(offset);
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after === '' ? '\n' : after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  return { start: offset, end: offset, text: `${lead}${block}${trail}` };
}
