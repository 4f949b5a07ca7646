import { blankUrls, Masker } from './mask';
import type { Citation, CitedKey } from './types';

/**
 * Pandoc citation keys: a letter, digit or `_`, then those and internal
 * punctuation `:.#$%&-+?<>~/` (punctuation only when a key character
 * follows, so `@doe99.` cites `doe99`); or any text in braces, `@{a key}`.
 */
const KEY = /@(?:\{([^{}\n]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*))/uy;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** Quarto and pandoc-crossref cross-references (`@fig-plot`, `@sec:intro`) are not citations. */
const CROSS_REFERENCE = /^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg|nte|wrn|imp|tip|cau)[-:]/;

/**
 * Blanks what pandoc never reads as citations: the YAML front matter, fenced
 * and indented code blocks, code spans, HTML comments, autolinks, link
 * targets, bare URLs and escaped `\@`.
 */
export function maskPandoc(text: string): string {
  const masker = new Masker(text);
  const lines = text.split('\n');
  let offset = 0;
  let line = 0;
  const advance = () => {
    offset += lines[line].length + 1;
    line++;
  };
  const blankLine = () => masker.blank(offset, offset + lines[line].length);

  // Front matter: a `---` first line up to the next `---` or `...` line.
  if (/^(?:\uFEFF)?---\s*$/.test(lines[0] ?? '')) {
    const close = lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)\s*$/.test(l));
    if (close > 0) while (line <= close) {
      blankLine();
      advance();
    }
  }

  let previousBlank = true;
  let lastTextIsList = false;
  while (line < lines.length) {
    const current = lines[line];
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(current);
    if (fence) {
      const closing = new RegExp(`^ {0,3}${fence[1][0] === '`' ? '`' : '~'}{${fence[1].length},}\\s*$`);
      blankLine();
      advance();
      while (line < lines.length && !closing.test(lines[line])) {
        blankLine();
        advance();
      }
      if (line < lines.length) {
        blankLine();
        advance();
      }
      previousBlank = false;
      continue;
    }
    const blank = current.trim() === '';
    if (!blank && previousBlank && !lastTextIsList && /^(?: {4}|\t)/.test(current)) {
      // An indented code block: runs over indented and blank lines.
      while (line < lines.length && (/^(?: {4}|\t)/.test(lines[line]) || lines[line].trim() === '')) {
        blankLine();
        advance();
      }
      previousBlank = true;
      continue;
    }
    if (!blank) lastTextIsList = /^\s*(?:[-*+]|\d+[.)])\s/.test(current) || (lastTextIsList && /^\s/.test(current));
    previousBlank = blank;
    advance();
  }

  // Inline constructs, on the text with code blocks already blanked.
  let partly = masker.result();
  for (const m of partly.matchAll(/<!--[\s\S]*?(?:-->|$)/g)) masker.blank(m.index, m.index + m[0].length);
  partly = masker.result();
  blankCodeSpans(masker, partly);
  partly = masker.result();
  for (const m of partly.matchAll(/<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+>/g)) masker.blank(m.index, m.index + m[0].length);
  for (const m of partly.matchAll(/\]\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)/g)) masker.blank(m.index + 2, m.index + m[0].length - 1);
  for (const m of partly.matchAll(/\\@/g)) masker.blank(m.index, m.index + 2);
  blankUrls(masker, partly);
  return masker.result();
}

/** Code spans: a run of backticks up to the next run of the same length, within a paragraph. */
function blankCodeSpans(masker: Masker, text: string): void {
  const runs = /`+/g;
  let m: RegExpExecArray | null;
  while ((m = runs.exec(text))) {
    const open = m.index;
    const ticks = m[0].length;
    const paragraphEnd = text.slice(open).search(/\n[ \t]*\n/);
    const limit = paragraphEnd === -1 ? text.length : open + paragraphEnd;
    const closer = new RegExp(`(?<!\`)\`{${ticks}}(?!\`)`, 'g');
    closer.lastIndex = open + ticks;
    const close = closer.exec(text);
    if (close && close.index < limit) {
      masker.blank(open, close.index + ticks);
      runs.lastIndex = close.index + ticks;
    }
  }
}

/** Every citation in pandoc Markdown (Quarto, R Markdown), with the exact range of each key. */
export function scanPandoc(text: string): Citation[] {
  const masked = maskPandoc(text);
  const keys = findKeys(masked);
  const citations: Citation[] = [];
  const groups = bracketGroups(masked).sort((a, b) => a.start - b.start);
  let g = 0;
  let group: Citation | undefined;
  for (const key of keys) {
    while (g < groups.length && groups[g].end <= key.start) g++;
    const around = groups[g];
    if (around && around.start < key.start && key.end < around.end) {
      if (group?.start !== around.start) {
        group = { form: 'bracketed', start: around.start, end: around.end, keys: [], listEnd: around.end - 1 };
        citations.push(group);
      }
      group.keys.push(key);
    } else {
      const braced = masked[key.start - 1] === '{';
      citations.push({ form: 'narrative', start: key.start - (braced ? 2 : 1), end: key.end + (braced ? 1 : 0), keys: [key] });
    }
  }
  return citations;
}

function findKeys(masked: string): CitedKey[] {
  const keys: CitedKey[] = [];
  for (let at = masked.indexOf('@'); at !== -1; at = masked.indexOf('@', at + 1)) {
    // An `@` after a letter or digit is an e-mail address or a handle inside a word.
    if (at > 0 && WORD_CHAR.test(masked[at - 1])) continue;
    KEY.lastIndex = at;
    const m = KEY.exec(masked);
    if (!m) continue;
    const key = m[1] ?? m[2];
    if (m[2] && CROSS_REFERENCE.test(key)) continue;
    const start = at + (m[1] ? 2 : 1);
    keys.push({ key, start, end: start + key.length });
  }
  return keys;
}

/**
 * `[...]` spans within a paragraph that are not links (`[text](url)`,
 * `[text][ref]`). Of nested spans holding a key only the innermost counts;
 * outer brackets are text. One pass, no copies.
 */
function bracketGroups(masked: string): Array<{ start: number; end: number }> {
  const groups: Array<{ start: number; end: number }> = [];
  const open: Array<{ start: number; ats: number; innerCitation: boolean }> = [];
  let ats = 0;
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i];
    if (c === '\\') i++;
    else if (c === '@') ats++;
    else if (c === '[') open.push({ start: i, ats, innerCitation: false });
    else if (c === ']' && open.length) {
      const group = open.pop() as { start: number; ats: number; innerCitation: boolean };
      const hasKey = ats > group.ats;
      const after = masked[i + 1];
      if (after !== '(' && after !== '[' && !group.innerCitation) groups.push({ start: group.start, end: i + 1 });
      if (hasKey && open.length) open[open.length - 1].innerCitation = true;
    } else if (c === '\n' && open.length) {
      let j = i + 1;
      while (masked[j] === ' ' || masked[j] === '\t') j++;
      if (masked[j] === '\n') open.length = 0; // a blank line ends the paragraph
    }
  }
  return groups;
}
