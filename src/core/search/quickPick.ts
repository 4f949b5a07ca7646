import type { Paper } from '../model';
import type { SearchIndex } from './searchIndex';

/** The quick pick shows at most this many papers; VS Code's list slows down with thousands. */
export const MAX_PICK_ITEMS = 50;

/** What the quick pick lists for a query: the top hits, each with the abstract snippet it shows. */
export function pickResults(index: SearchIndex, query: string): Array<{ paper: Paper; detail?: string }> {
  return index.search(query, { limit: MAX_PICK_ITEMS }).map((hit) => ({ paper: hit.paper, detail: hit.snippet }));
}

/**
 * What a list of results looks like to the user: its keys and snippets in
 * order. Two queries with the same look need no new items: sending them
 * again costs a round trip to VS Code and a repaint for nothing.
 */
export function resultsLook(results: ReadonlyArray<{ paper: Paper; detail?: string }>): string {
  let look = '';
  for (const { paper, detail } of results) look += `${paper.key}\u0000${detail ?? ''}\u0001`;
  return look;
}
