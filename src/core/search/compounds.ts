/**
 * Closed compounds: a query word also finds the index words that end with it
 * ("phone" finds "smartphone", "plastics" finds "microplastics", "tuning"
 * finds "finetuning"). The radix tree answers prefixes only, so each segment
 * gets a table of its longer words' numbers sorted by the word read
 * backwards, built with the segment (or the first time a query needs it):
 * 4 bytes per long word, and valid for the segment's life, since a segment
 * never changes.
 */

import { runToEnd } from '../slices';

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
    runToEnd(compoundTableSteps(terms, undefined));
    table = tables.get(terms) as Uint32Array;
  }
  return table;
}

/** Words compared per step of `compoundTableSteps`: a millisecond or so. */
const WORDS_PER_STEP = 4096;

/**
 * Builds the table `forEachCompound` reads for `terms`, step by step (yields
 * `progress`). The segment build runs it, so no query pays for it: sorting
 * the long words of a 65,536-paper segment at once held the thread 44 ms at
 * the first search after a load. A merge sort, a run of words per step.
 */
export function* compoundTableSteps<P>(terms: readonly string[], progress: P): Generator<P, void> {
  if (tables.has(terms)) return;
  const ids: number[] = [];
  for (let id = 0; id < terms.length; id++) {
    const term = terms[id];
    if (term.length >= MIN_COMPOUND_PART + MIN_HEAD && /^[a-z]+$/.test(term)) ids.push(id);
    if ((id & 0x3fff) === 0x3fff) yield progress;
  }
  const before = (a: number, b: number) => compareBackwards(terms[a], terms[b]);
  let sorted = Uint32Array.from(ids);
  for (let start = 0; start < sorted.length; start += WORDS_PER_STEP) {
    sorted.subarray(start, start + WORDS_PER_STEP).sort(before);
    yield progress;
  }
  let spare = new Uint32Array(sorted.length);
  for (let width = WORDS_PER_STEP; width < sorted.length; width *= 2) {
    let budget = 0;
    for (let lo = 0; lo < sorted.length; lo += 2 * width) {
      const mid = Math.min(lo + width, sorted.length);
      const hi = Math.min(lo + 2 * width, sorted.length);
      let i = lo;
      let j = mid;
      for (let k = lo; k < hi; k++) {
        spare[k] = j >= hi || (i < mid && before(sorted[i], sorted[j]) <= 0) ? sorted[i++] : sorted[j++];
        if (++budget === WORDS_PER_STEP) {
          budget = 0;
          yield progress;
        }
      }
    }
    [sorted, spare] = [spare, sorted];
  }
  tables.set(terms, sorted);
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
