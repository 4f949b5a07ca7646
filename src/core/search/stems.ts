import { stem } from 'porter2';
import type SearchableMap from 'minisearch/SearchableMap';

/**
 * Word forms by stemming at query time: the index keeps words as written
 * (so exact matches can rank first and prefixes keep working), and a query
 * word also matches the index words with the same Porter2 stem ("pruned"
 * finds "pruning", "equations" finds "equation"). No index memory is spent:
 * the candidates come from the radix tree, under the stem minus its last
 * letter (Porter2 changes at most the end of a word: prune/pruning, studi/study).
 */

/** Stems of words seen by queries, kept so a keystroke re-stems nothing it saw before. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

export function stemOf(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    s = /^[a-z]+$/.test(word) ? stem(word) : word;
    cache.set(word, s);
  }
  return s;
}

/** Stems shorter than this match only themselves: short stems are too ambiguous ("us", "use"). */
const MIN_STEM = 3;

/** Calls `each` with every word in `vocabulary` (other than `word`) that has the same stem as `word`, and its id. */
export function forEachSameStem(vocabulary: SearchableMap<number>, word: string, each: (found: string, id: number) => void): void {
  const target = stemOf(word);
  if (target.length < MIN_STEM || !/^[a-z]+$/.test(word)) return;
  const under = target.length > MIN_STEM ? target.slice(0, -1) : target;
  for (const [found, id] of vocabulary.atPrefix(under)) {
    if (found !== word && found.length <= word.length + 6 && stemOf(found) === target) each(found, id);
  }
}
