/**
 * LaTeX commands in BibTeX field values → the Unicode LaTeX prints:
 * `\pm` ±, `\langle` ⟨, `^\circ` °, `\,` thin space, `\slash` /,
 * `\overline{x}` x̅, `\"o` ö. An unknown command is dropped and its
 * argument kept (`\mathrm{C}` → `{C}`); `\vphantom{…}` and friends print
 * nothing, so they go with their argument.
 *
 * It runs on raw field values before the BibTeX parser's own field grammar
 * (citation-js), which still sees braces, `$…$`, `^{…}`, `_{…}`, `--` and
 * the escapes `\% \& \# \$ \_ \{ \} \\`: those it turns into text itself.
 * Every other backslash sequence is resolved here, so none reaches a title.
 *
 * The table is Better BibTeX's (the unicode2latex package), cut down at build
 * time to what titles use; see scripts/generate-latex-table.js.
 */
import { LATEX_TABLE } from './latexTable';

/** Where LaTeX prints something other than the table says, or the table has no entry. */
const OVERRIDES: Record<string, string> = {
  hyphen: '-', // biblatex's breakable hyphen; not in the table
  slash: '/', // the table adds a zero-width space (a line-break point) that would split words for search
  textperiodcentered: '·', // textcomp prints U+00B7; the table has the dot accent ˙
  '-': '', // a hyphenation point prints nothing
  ' ': ' ',
  '!': '', // negative thin space
  '\\': ' ', // a line break, in a one-line title
  TeX: 'TeX',
  LaTeX: 'LaTeX',
  LaTeXe: 'LaTeX2ε',
  BibTeX: 'BibTeX',
};

/** Commands that print nothing, argument included. */
const INVISIBLE = new Set(['vphantom', 'hphantom', 'phantom', 'label', 'index', 'noopsort', 'nocite']);

/** Escapes citation-js turns into text itself; left for it so that braces stay balanced. */
const LEFT_FOR_PARSER = new Set(['%', '&', '#', '$', '_', '{', '}']);

/** Characters the BibTeX grammar reads as syntax, written the way it reads them as text. */
const ESCAPED: Record<string, string> = {
  '~': '\\textasciitilde{}', '^': '\\textasciicircum{}', '\\': '\\textbackslash{}',
  $: '\\$', '%': '\\%', '#': '\\#', '&': '\\&', _: '\\_', '{': '\\{', '}': '\\}',
};

let table: Map<string, string> | undefined;

function lookup(command: string): string | undefined {
  if (!table) {
    table = new Map();
    const fields = LATEX_TABLE.split('\t');
    for (let i = 0; i + 1 < fields.length; i += 2) table.set(fields[i], fields[i + 1]);
    for (const [command, text] of Object.entries(OVERRIDES)) table.set(command, text);
  }
  return table.get(command);
}

/** True for combining accents: they go on the next character (`\"o`, `\overline{x}`). */
function isAccent(text: string): boolean {
  return text.length > 0 && [...text].every((c) => /[\u0300-\u036f\u20d0-\u20ff]/.test(c));
}

/** `text` with every LaTeX command but the escapes in LEFT_FOR_PARSER turned into Unicode. Never throws. */
export function latexToUnicode(text: string): string {
  if (!text.includes('\\') && !text.includes('^')) return text;
  const input = text.replace(/\^\s*(?:\\circ\b|\{\s*\\circ\s*\})\s*/g, '°');
  let out = '';
  let i = 0;
  let math = false;
  while (i < input.length) {
    if (input[i] !== '\\') {
      // Plain text up to the next command, copied at once; each `$` in it toggles math mode.
      const end = input.indexOf('\\', i);
      const run = end < 0 ? input.slice(i) : input.slice(i, end);
      for (let d = run.indexOf('$'); d >= 0; d = run.indexOf('$', d + 1)) math = !math;
      out += run;
      i += run.length;
      continue;
    }
    const c = '\\';
    const next = input[i + 1] ?? '';
    if (LEFT_FOR_PARSER.has(next)) {
      out += c + next;
      i += 2;
      continue;
    }
    const word = /^[A-Za-z]+/.exec(input.slice(i + 1, i + 64))?.[0];
    const command = word ?? next;
    i += 1 + command.length;
    // TeX drops the spaces after a command word; in math they are kept after a symbol (`$a \leq b$` reads "a ≤ b").
    const unicode = lookup(command);
    if (word && !(math && unicode !== undefined && /^[^\p{L}\u0300-\u036f\u20d0-\u20ff]/u.test(unicode))) i = skipSpaces(input, i);
    if (INVISIBLE.has(command)) {
      i = argumentEnd(input, i);
      continue;
    }
    if (command === 'href') {
      i = skipSpaces(input, argumentEnd(input, i)); // the link target; its text follows as the next argument
      continue;
    }
    if (command === 'frac') {
      const numeratorEnd = argumentEnd(input, i);
      const denominatorEnd = argumentEnd(input, skipSpaces(input, numeratorEnd));
      out += `{${latexToUnicode(input.slice(i, numeratorEnd))}}/{${latexToUnicode(input.slice(skipSpaces(input, numeratorEnd), denominatorEnd))}}`;
      i = denominatorEnd;
      continue;
    }
    if (unicode === undefined) continue; // unknown: dropped; a braced argument after it stays as text
    if (!isAccent(unicode)) {
      out += ESCAPED[unicode] ?? unicode;
      continue;
    }
    const end = argumentEnd(input, i);
    const argument = latexToUnicode(unbrace(input.slice(i, end))).replace(/^[ıȷ]/, (d) => (d === 'ı' ? 'i' : 'j'));
    if (argument === '') out += command === '~' || command === '^' ? command : ''; // `\~{}` prints a tilde
    else out += `${[...argument][0]}${unicode}${argument.slice([...argument][0].length)}`;
    i = end;
  }
  return out.normalize('NFC');
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** End of the argument starting at `from`: a braced group, a command, or one character. */
function argumentEnd(text: string, from: number): number {
  if (from >= text.length) return from;
  if (text[from] === '{') {
    let depth = 0;
    for (let i = from; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) return i + 1;
    }
    return text.length;
  }
  if (text[from] === '\\') {
    const word = /^[A-Za-z]+/.exec(text.slice(from + 1, from + 64))?.[0];
    return from + 1 + (word?.length ?? 1);
  }
  if (text[from] === '}') return from;
  return from + [...text.slice(from, from + 2)][0].length;
}

function unbrace(argument: string): string {
  return argument.startsWith('{') && argument.endsWith('}') ? argument.slice(1, -1) : argument;
}

/** BibTeX fields whose values are printed text: titles, names, venues, abstracts. */
const PRINTED_FIELDS = new Set([
  'title', 'subtitle', 'titleaddon', 'booktitle', 'booksubtitle', 'booktitleaddon', 'maintitle', 'mainsubtitle',
  'journal', 'journaltitle', 'journalsubtitle', 'series', 'eventtitle', 'abstract', 'author', 'editor',
  'publisher', 'institution', 'organization', 'school', 'howpublished',
]);

/** A raw BibTeX entry with its printed fields' LaTeX turned into Unicode (a copy; other fields as they were). */
export function withUnicodeFields<T extends { properties: Record<string, string | number> }>(entry: T): T {
  const properties: Record<string, string | number> = {};
  for (const [field, value] of Object.entries(entry.properties)) {
    properties[field] = PRINTED_FIELDS.has(field.toLowerCase()) && typeof value === 'string' ? latexToUnicode(value) : value;
  }
  return { ...entry, properties };
}
