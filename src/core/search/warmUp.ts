/**
 * The search's code made fast before the first key is typed. A fresh
 * extension host runs the search's functions unoptimized: the first query's
 * keys over 100,000 papers took 11-85 ms each in Node, against 2-7 ms once
 * the functions were optimized. Typing a few queries over a small index of
 * the library's own papers first (its titles' words, typed a letter at a
 * time, one with a typo) gets the same functions optimized in a few hundred
 * milliseconds of background work, whatever field the library is from.
 */
import type { Paper } from '../model';
import type { Steps } from '../slices';
import { spread } from '../spread';
import { pickResults } from './quickPick';
import { SearchIndex } from './searchIndex';

/** Libraries smaller than this are not warmed up: a cold query over them takes a few milliseconds anyway. */
export const WARM_UP_MIN_PAPERS = 5000;
/** Papers in the small index the warm-up searches: enough for every code path, few enough that a cold query takes milliseconds. */
export const WARM_UP_PAPERS = 1000;
/** Titles whose words are typed. */
const WARM_UP_TITLES = 4;

export interface WarmUp {
  /** Papers in the small index. */
  indexed: number;
  /** Queries run (each a step). */
  searches: number;
  /** How many of them found a paper. */
  found: number;
}

/** Builds a small index from `papers` (spread over the list) and types queries into it, a query per step. */
export function* warmUpSearch(papers: readonly Paper[]): Steps<WarmUp> {
  const sample = spread(papers, WARM_UP_PAPERS);
  const index = yield* SearchIndex.build(sample);
  let searches = 0;
  let found = 0;
  for (const query of warmUpQueries(sample)) {
    for (let end = 1; end <= query.length; end++) {
      searches++;
      if (pickResults(index, query.slice(0, end)).length > 0) found++;
      yield;
    }
  }
  return { indexed: sample.length, searches, found };
}

/** Three words of a few titles, and one title's words with a letter left out (the typo path). */
export function warmUpQueries(sample: readonly Paper[]): string[] {
  const queries: string[] = [];
  for (const paper of spread(sample, WARM_UP_TITLES)) {
    const words = paper.title.split(/\s+/).filter((w) => w.length > 3).slice(0, 3);
    if (words.length) queries.push(words.join(' ').toLowerCase());
  }
  const long = queries.find((q) => q.length > 6);
  if (long) queries.push(long.slice(0, 2) + long.slice(3));
  return queries;
}
