import { Masker } from './mask';
import type { Citation, CitedKey } from './types';

/** natbib and biblatex commands that take one key list: `\cmd*[pre][post]{a,b}`. */
const SINGLE = new Set([
  'cite', 'Cite', 'citet', 'Citet', 'citep', 'Citep', 'citealt', 'Citealt', 'citealp', 'Citealp',
  'citeauthor', 'Citeauthor', 'citefullauthor', 'Citefullauthor', 'citeyear', 'citeyearpar', 'citenum', 'citetitle', 'Citetitle',
  'citedate', 'citeurl', 'citeurldate', 'parencite', 'Parencite', 'footcite', 'Footcite', 'footcitetext', 'textcite', 'Textcite',
  'smartcite', 'Smartcite', 'autocite', 'Autocite', 'supercite', 'fullcite', 'footfullcite', 'nocite', 'citelist',
]);
/** biblatex multicite commands: `\cites(pre)(post)[pre][post]{a}[pre][post]{b}`. */
const MULTI = new Set([
  'cites', 'Cites', 'parencites', 'Parencites', 'footcites', 'footcitetexts', 'smartcites', 'Smartcites',
  'textcites', 'Textcites', 'supercites', 'autocites', 'Autocites',
]);
/** biblatex volume citations: `\volcite[pre]{volume}[pages]{key}`. */
const VOLUME = new Set(['volcite', 'Volcite', 'pvolcite', 'Pvolcite', 'fvolcite', 'ftvolcite', 'svolcite', 'Svolcite', 'tvolcite', 'Tvolcite', 'avolcite', 'Avolcite']);

/** Is this the name of a citation command LitNotes reads? */
export function isCiteCommand(name: string): boolean {
  return SINGLE.has(name) || MULTI.has(name) || VOLUME.has(name);
}

const VERBATIM_ENVIRONMENTS = 'verbatim\\*?|Verbatim\\*?|BVerbatim|LVerbatim|lstlisting|minted|comment|filecontents\\*?|alltt';

/** Blanks `%` comments, verbatim environments, `\verb|…|`, `\lstinline` and the arguments of `\url` and `\href`. */
export function maskLatex(text: string): string {
  const masker = new Masker(text);
  for (const m of text.matchAll(new RegExp(`\\\\begin\\{(${VERBATIM_ENVIRONMENTS})\\}[\\s\\S]*?(?:\\\\end\\{\\1\\}|$)`, 'g'))) masker.blank(m.index, m.index + m[0].length);
  let partly = masker.result();
  for (const m of partly.matchAll(/\\(?:verb\*?|lstinline|mintinline\{[^}]*\})([^\sA-Za-z{])[^\n]*?\1/g)) masker.blank(m.index, m.index + m[0].length);
  for (const m of partly.matchAll(/\\(?:url|href)\{[^}\n]*\}/g)) masker.blank(m.index, m.index + m[0].length);
  partly = masker.result();
  // A `%` not escaped by an odd run of backslashes starts a comment.
  for (const m of partly.matchAll(/(?<!\\)(?:\\\\)*%[^\n]*/g)) {
    const percent = m.index + m[0].indexOf('%');
    masker.blank(percent, m.index + m[0].length);
  }
  return masker.result();
}

/** Every `\cite`-family citation in LaTeX, with the exact range of each key. */
export function scanLatex(text: string): Citation[] {
  const masked = maskLatex(text);
  const citations: Citation[] = [];
  const command = /\\([A-Za-z]+)\*?/g;
  let m: RegExpExecArray | null;
  while ((m = command.exec(masked))) {
    const name = m[1];
    if (!isCiteCommand(name)) continue;
    const parsed = parseArguments(masked, m.index + m[0].length, name);
    if (!parsed) continue;
    citations.push({ form: 'command', start: m.index, end: parsed.end, keys: parsed.keys, listEnd: parsed.lists[parsed.lists.length - 1] });
    command.lastIndex = parsed.end;
  }
  return citations;
}

interface Arguments {
  end: number;
  keys: CitedKey[];
  /** Offsets of each key list's closing brace. */
  lists: number[];
}

function parseArguments(text: string, at: number, name: string): Arguments | undefined {
  const out: Arguments = { end: at, keys: [], lists: [] };
  let i = at;
  const skipSpace = (from: number) => {
    let j = from;
    let newlines = 0;
    while (j < text.length && /\s/.test(text[j])) if (text[j++] === '\n' && ++newlines > 1) return from;
    return j;
  };
  const group = (from: number, open: string, close: string): number | undefined => {
    if (text[from] !== open) return undefined;
    let depth = 0;
    for (let j = from; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === open) depth++;
      else if (text[j] === close && --depth === 0) return j + 1;
    }
    return undefined;
  };
  const optionals = (from: number, max: number, open = '[', close = ']') => {
    let j = from;
    for (let n = 0; n < max; n++) {
      const k = skipSpace(j);
      const end = group(k, open, close);
      if (end === undefined) break;
      j = end;
    }
    return j;
  };
  const keyList = (from: number): number | undefined => {
    const k = skipSpace(from);
    const end = group(k, '{', '}');
    if (end === undefined) return undefined;
    let start = k + 1;
    for (const piece of text.slice(k + 1, end - 1).split(',')) {
      const lead = piece.length - piece.trimStart().length;
      const key = piece.trim();
      // `\nocite{*}` cites everything; a piece with a command in it is not a key.
      if (key && key !== '*' && !/[\\{}]/.test(key)) out.keys.push({ key, start: start + lead, end: start + lead + key.length });
      start += piece.length + 1;
    }
    out.lists.push(end - 1);
    return end;
  };

  if (VOLUME.has(name)) {
    i = optionals(i, 1);
    const volume = group(skipSpace(i), '{', '}');
    if (volume === undefined) return undefined;
    i = optionals(volume, 1);
    const end = keyList(i);
    if (end === undefined) return undefined;
    out.end = end;
    return out;
  }
  if (MULTI.has(name)) {
    i = optionals(i, 2, '(', ')');
    let first = true;
    for (;;) {
      // After the first key list the next one must follow at once: `\cites{a}{b} {text}` ends at `{b}`.
      const next = first ? skipSpace(i) : i;
      if (!first && text[next] !== '[' && text[next] !== '{') break;
      const afterOptionals = optionals(next, 2);
      const end = keyList(afterOptionals);
      if (end === undefined) break;
      i = end;
      first = false;
    }
    if (first) return undefined;
    out.end = i;
    return out;
  }
  i = optionals(i, 2);
  const end = keyList(i);
  if (end === undefined) return undefined;
  out.end = end;
  return out;
}
