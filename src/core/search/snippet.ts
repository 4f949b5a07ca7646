import { americanSpelling } from './spelling';

/** Where the first word of `lower` whose American spelling starts with one of `terms` begins (terms are index words, so American), or -1. */
function firstFoldedMatch(lower: string, terms: string[]): number {
  // Folding keeps the first letter or drops one before it (oesophagus → esophagus): only such words are folded.
  const firsts = new Set(terms.map((term) => term[0]));
  for (const m of lower.matchAll(/[a-z]+/g)) {
    if (!firsts.has(m[0][0]) && !firsts.has(m[0][1])) continue;
    const word = americanSpelling(m[0]);
    if (word !== m[0] && terms.some((term) => word.startsWith(term))) return m.index ?? -1;
  }
  return -1;
}

/** Where the first word of `lower` starting with one of `terms` begins, or -1 (plain `indexOf` scans: far faster than a pattern per term). */
function firstMatch(lower: string, terms: string[]): number {
  let at = -1;
  for (const term of terms) {
    let i = lower.indexOf(term);
    while (i > 0 && isAsciiWordCode(lower.charCodeAt(i - 1))) i = lower.indexOf(term, i + 1);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return at;
}

function isAsciiWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/**
 * About `width` characters of `text` around the first word starting with any
 * of `terms` (or spelled so in American English: "tumour" for "tumor"), cut at
 * word boundaries.
 */
export function snippet(text: string, terms: string[], width = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  const lower = flat.toLowerCase();
  const found = firstMatch(lower, terms);
  const at = found >= 0 ? found : Math.max(0, firstFoldedMatch(lower, terms));
  let start = Math.max(0, at - Math.floor(width / 3));
  let end = Math.min(flat.length, start + width);
  start = Math.max(0, end - width);
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  if (end < flat.length) end = flat.lastIndexOf(' ', end) > start ? flat.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
