import { americanSpelling } from './spelling';

/** Where the first word of `lower` whose American spelling starts with one of `terms` begins (terms are index words, so American), or -1. */
function firstFoldedMatch(lower: string, terms: string[]): number {
  for (const m of lower.matchAll(/[a-z]+/g)) {
    const word = americanSpelling(m[0]);
    if (word !== m[0] && terms.some((term) => word.startsWith(term))) return m.index ?? -1;
  }
  return -1;
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
  let at = -1;
  for (const term of terms) {
    const re = new RegExp(`(^|[^a-z0-9])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    const m = re.exec(lower);
    if (m && (at < 0 || m.index < at)) at = m.index + m[1].length;
  }
  if (at < 0) at = Math.max(0, firstFoldedMatch(lower, terms));
  let start = Math.max(0, at - Math.floor(width / 3));
  let end = Math.min(flat.length, start + width);
  start = Math.max(0, end - width);
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  if (end < flat.length) end = flat.lastIndexOf(' ', end) > start ? flat.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
