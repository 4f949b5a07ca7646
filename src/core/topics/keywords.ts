/**
 * Topic keywords: one phrase per string, matched case-insensitively on
 * whole words, with hyphens, slashes and colons treated as spaces and a
 * plural `s` ignored.
 *
 * - `kv cache`      the words `kv` then `cache` (also `KV-cache`, `KV caches`)
 * - `prun*`         any word starting with `prun` (prune, pruning, pruned)
 * - `kv cache^3`    weight 3 (default 1); weights between 0.1 and 10
 */

export interface ParsedKeyword {
  /** Normalized words; a word ending in `*` matches by prefix. */
  words: string[];
  weight: number;
  /** The phrase as written, without the weight. */
  phrase: string;
}

/**
 * Normalizes one word the way the classifier normalizes text: lowercase,
 * accents folded, a plural `s` dropped (`-ies` → `-y`).
 */
export function normalizeWord(word: string): string {
  const w = word.toLowerCase();
  const n = w.length;
  if (n <= 3 || w.charCodeAt(n - 1) !== 115 /* s */) return w;
  if (n > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  const before = w.charCodeAt(n - 2);
  // Keep -ss, -us, -is: class, corpus, analysis.
  if (before === 115 || before === 117 || before === 105) return w;
  return w.slice(0, -1);
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Splits text into normalized words (what keywords are matched against). */
export function tokenize(text: string): string[] {
  const folded = (NON_ASCII.test(text) ? text.normalize('NFKD') : text).toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 32;
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(normalizeWord(folded.slice(start, i)));
      start = -1;
    }
  }
  return out;
}

/** Parses `phrase^weight`; returns a message string for an unusable keyword. */
export function parseKeyword(keyword: string): ParsedKeyword | string {
  if (typeof keyword !== 'string') return 'a keyword must be a string';
  let text = keyword.trim();
  let weight = 1;
  const m = /\^\s*([0-9]*\.?[0-9]+)\s*$/.exec(text);
  if (m) {
    weight = Number(m[1]);
    text = text.slice(0, m.index).trim();
    if (!(weight >= 0.1 && weight <= 10)) return `weight ${m[1]} in "${keyword}" is outside 0.1–10`;
  } else if (text.includes('^')) {
    return `"${keyword}" has a "^" that is not followed by a number (write "phrase^2")`;
  }
  const parts = text.split(/\s+|(?<=\S)[-/:](?=\S)/).filter((p) => p !== '');
  const words: string[] = [];
  for (const part of parts) {
    const prefix = part.endsWith('*');
    const core = prefix ? part.slice(0, -1) : part;
    const tokens = tokenize(core);
    if (tokens.length === 0) continue;
    if (prefix) {
      const last = core.normalize('NFKD').toLowerCase().match(/[a-z0-9]+/g)!;
      // The prefix itself is not plural-normalized: `experts*` stays as written.
      tokens[tokens.length - 1] = `${last[last.length - 1]}*`;
      if (last[last.length - 1].length < 3) return `prefix "${part}" in "${keyword}" is too short (3 letters at least)`;
    }
    words.push(...tokens);
  }
  if (words.length === 0) return `"${keyword}" has no letters or digits to match`;
  return { words, weight, phrase: text };
}
