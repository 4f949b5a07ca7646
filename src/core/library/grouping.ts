import type { Paper } from '../model';
import type { Steps } from '../slices';
import { groupInSteps, sortTopicGroups } from './displayOrder';

export type GroupBy = 'topic' | 'year' | 'source';

/** A group of the sidebar tree: its papers in display order. */
export interface PaperGroup {
  id: string;
  label: string;
  papers: Paper[];
}

/** No tree node shows more children than this at once; "Show more" pages the rest. */
export const PAGE_SIZE = 500;

/** The words the grouping shows that the caller translates. */
export interface GroupLabels {
  topicLabels: ReadonlyMap<string, string>;
  unknownYear: string;
  embeddedLibrary: string;
}

/** The tree's groups: one pass over the library (already in display order), step by step. */
export function* groupPapers(papers: readonly Paper[], groupBy: GroupBy, labels: GroupLabels): Steps<PaperGroup[]> {
  const groupOf = groupBy === 'year'
    ? (paper: Paper) => String(paper.year ?? 'unknown')
    : groupBy === 'source'
      ? (paper: Paper) => sourceLabel(paper, labels.embeddedLibrary)
      : (paper: Paper) => paper.topics[0] ?? 'other';
  const labelOf = groupBy === 'year'
    ? (id: string) => (id === 'unknown' ? labels.unknownYear : id)
    : groupBy === 'source'
      ? (id: string) => id
      : (id: string) => labels.topicLabels.get(id) ?? id;
  const groups = yield* groupInSteps(papers, groupOf);
  const list: PaperGroup[] = [...groups].map(([id, members]) => ({ id, label: labelOf(id), papers: members }));
  if (groupBy === 'year') return list.sort((a, b) => b.id.localeCompare(a.id));
  if (groupBy === 'topic') return sortTopicGroups(list, [...labels.topicLabels.keys()]);
  return list.sort((a, b) => a.label.localeCompare(b.label));
}

/** The first `shown` papers of a group, and how many are left for "Show more". */
export function pageOf(group: PaperGroup, shown = PAGE_SIZE): { papers: Paper[]; more: number } {
  return { papers: group.papers.slice(0, shown), more: Math.max(0, group.papers.length - shown) };
}

function sourceLabel(paper: Paper, embeddedLibrary: string): string {
  if (paper.origin.kind === 'corpus') return embeddedLibrary;
  const source = paper.origin.source;
  return decodeURIComponent(source.slice(source.lastIndexOf('/') + 1));
}
