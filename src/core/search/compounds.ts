/**
 * Closed compounds: a query word also finds the index words that end with it
 * ("phone" finds "smartphone", "plastics" finds "microplastics", "tuning"
 * finds "finetuning"). The radix tree answers prefixes only, so each segment
 * gets a table of its longer words' numbers sorted by the word read
 * backwards, built the first time a query needs it: 4 bytes per long word,
 * and valid for the segment's life, since a segment never changes.
 */

/** Query words shorter than this find no compounds ("ion" would find thousands). */
export const MIN_COMPOUND_PART = 4;
/** Letters a compound has before the query word: "smart" in "smartphone"; "phones" is a form, not a compound. */
export const MIN_HEAD = 3;
/** At most this many compounds per query word and segment. */
const MAX_COMPOUNDS = 32;

const tables = new WeakMap<readonly string[], Uint32Array>();

/** Calls `each` with every word of `terms` (a segment's term list) that is `word` with at least three letters before it. */
export function forEachCompound(terms: readonly string[], word: string, each: (found: string, id: number) => void): void {
  if (word.length < MIN_COMPOUND_PART || !/^[a-z]+$/.test(word)) return;
  const table = tableOf(terms);
  // The first word whose backward reading is not below `word`'s.
  let lo = 0;
  let hi = table.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareBackwards(terms[table[mid]], word) < 0) lo = mid + 1;
    else hi = mid;
  }
  let found = 0;
  for (let i = lo; i < table.length && found < MAX_COMPOUNDS; i++) {
    const term = terms[table[i]];
    if (!term.endsWith(word)) break;
    if (term.length >= word.length + MIN_HEAD) {
      each(term, table[i]);
      found++;
    }
  }
}

/** The segment's letter-only words long enough to be compounds, sorted by their backward reading. */
function tableOf(terms: readonly string[]): Uint32Array {
  let table = tables.get(terms);
  if (!table) {
    const ids: number[] = [];
    terms.forEach((term, id) => {
      if (term.length >= MIN_COMPOUND_PART + MIN_HEAD && /^[a-z]+$/.test(term)) ids.push(id);
    });
    table = Uint32Array.from(ids.sort((a, b) => compareBackwards(terms[a], terms[b])));
    tables.set(terms, table);
  }
  return table;
}

/** Compares two words read from their last letter to their first. */
function compareBackwards(a: string, b: string): number {
  let i = a.length - 1;
  let j = b.length - 1;
  while (i >= 0 && j >= 0) {
    const d = a.charCodeAt(i--) - b.charCodeAt(j--);
    if (d !== 0) return d;
  }
  return i - j; // the shorter word (a suffix of the other) sorts first
}
