import type { Paper } from '../model';
import type { Steps } from '../slices';
import { normalizeTitle } from '../text';
import { orderInSteps } from '../sortInSteps';

/**
 * The library in the order the sidebar lists papers (newest year first, then
 * title, ignoring case and accents), sorted once per load in small steps. A
 * stable merge sort over precomputed keys: with the list already in order,
 * grouping the tree is one pass and no expansion sorts anything.
 */
export function* sortForDisplay(papers: readonly Paper[]): Steps<Paper[]> {
  const n = papers.length;
  const titles: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    titles[i] = normalizeTitle(papers[i].title);
    if ((i & 0x3ff) === 0x3ff) yield;
  }
  const before = (a: number, b: number): boolean => {
    const ya = papers[a].year ?? 0;
    const yb = papers[b].year ?? 0;
    if (ya !== yb) return ya > yb;
    if (titles[a] !== titles[b]) return titles[a] < titles[b];
    return a < b;
  };
  const order = yield* orderInSteps(n, before);
  return Array.from(order, (i) => papers[i]);
}

/** Papers split into groups by `groupOf`, order kept within each group, in steps of a few thousand papers. */
export function* groupInSteps(papers: readonly Paper[], groupOf: (paper: Paper) => string): Steps<Map<string, Paper[]>> {
  const groups = new Map<string, Paper[]>();
  for (let i = 0; i < papers.length; i++) {
    const id = groupOf(papers[i]);
    const group = groups.get(id);
    if (group) group.push(papers[i]);
    else groups.set(id, [papers[i]]);
    if ((i & 0xfff) === 0xfff) yield;
  }
  return groups;
}

/** Topic groups in taxonomy order (ids not in it after), with "other" last. */
export function sortTopicGroups<G extends { id: string }>(groups: G[], taxonomyOrder: readonly string[]): G[] {
  const rank = (id: string): number => {
    const i = taxonomyOrder.indexOf(id);
    return id === 'other' ? Number.MAX_SAFE_INTEGER : i < 0 ? taxonomyOrder.length : i;
  };
  return groups.sort((a, b) => rank(a.id) - rank(b.id));
}
