import type { Paper } from '../model';
import type { SearchIndex } from '../search/searchIndex';

/** Suggestions per completion request: the top of the search's ranking. */
export const MAX_SUGGESTIONS = 50;

/**
 * The papers suggested for what is typed where a key goes: the search's
 * ranking of the typed words. With nothing typed, or one letter that names no
 * word yet, the library's first papers, so the list stays open (an editor
 * closes an empty list) until the next letter narrows it.
 */
export function suggestPapers(index: SearchIndex, papers: readonly Paper[], typed: string): Paper[] {
  const query = typed.trim();
  const hits = query ? index.search(typed, { limit: MAX_SUGGESTIONS }).map((hit) => hit.paper) : [];
  return hits.length > 0 || query.length >= 2 ? hits : papers.slice(0, MAX_SUGGESTIONS);
}
