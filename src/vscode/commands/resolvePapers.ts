import type { Paper } from '../../core/model';
import type { LibraryService } from '../library/libraryService';
import type { TreeNode } from '../views/paperTree';

/**
 * The papers a command should act on, from how it was invoked: a tree row
 * (and the other selected rows), a key or keys (from the API, a link or a
 * test), or a paper object. Returns undefined when the caller must ask.
 */
export async function papersFromArgs(library: LibraryService, first: unknown, second: unknown): Promise<Paper[] | undefined> {
  const args = Array.isArray(second) && second.length ? second : first !== undefined ? [first] : [];
  if (args.length === 0) return undefined;
  const snapshot = await library.get();
  const papers: Paper[] = [];
  for (const arg of args.flat()) {
    const node = (arg && typeof arg === 'object' ? arg : {}) as Partial<TreeNode> & { key?: string };
    if (node.kind === 'paper' && 'paper' in node && node.paper) {
      papers.push(node.paper);
      continue;
    }
    // A key, as text or on an object (the API, a hover link): its own key or an alias.
    const key = typeof arg === 'string' ? arg : node.key;
    const paper = typeof key === 'string' ? snapshot.paper(key) : undefined;
    if (paper) papers.push(paper);
  }
  return papers.length ? papers : undefined;
}
