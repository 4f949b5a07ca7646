import type { Paper } from '../model';
import type { Steps } from '../slices';
import { groupInSteps, sortTopicGroups } from './displayOrder';

export type GroupBy = 'topic' | 'year' | 'source' | 'keyword';

/** A group of the sidebar tree: its papers in display order. */
export interface PaperGroup {
  id: string;
  label: string;
  papers: Paper[];
  /** Subtopics: a second tree level for a large discovered topic. */
  children?: PaperGroup[];
}

/** No tree node shows more children than this at once; "Show more" pages the rest. */
export const PAGE_SIZE = 500;

/** The words the grouping shows that the caller translates. */
export interface GroupLabels {
  topicLabels: ReadonlyMap<string, string>;
  unknownYear: string;
  embeddedLibrary: string;
  /** Subtopic id → its topic's id. */
  topicParents?: ReadonlyMap<string, string>;
  /** The group of papers whose source states no keyword. */
  noKeywords?: string;
}

/** The tree's groups: one pass over the library (already in display order), step by step. */
export function* groupPapers(papers: readonly Paper[], groupBy: GroupBy, labels: GroupLabels): Steps<PaperGroup[]> {
  if (groupBy === 'keyword') return yield* groupByKeyword(papers, labels.noKeywords ?? 'No keywords');
  if (groupBy === 'topic') return yield* groupByTopic(papers, labels);
  const groupOf = groupBy === 'year'
    ? (paper: Paper) => String(paper.year ?? 'unknown')
    : (paper: Paper) => sourceLabel(paper, labels.embeddedLibrary);
  const labelOf = groupBy === 'year' ? (id: string) => (id === 'unknown' ? labels.unknownYear : id) : (id: string) => id;
  const groups = yield* groupInSteps(papers, groupOf);
  const list: PaperGroup[] = [...groups].map(([id, members]) => ({ id, label: labelOf(id), papers: members }));
  if (groupBy === 'year') return list.sort((a, b) => b.id.localeCompare(a.id));
  return list.sort((a, b) => a.label.localeCompare(b.label));
}

/** By primary topic; a subtopic's papers sit in their topic's group and, one level down, in the subtopic's. */
function* groupByTopic(papers: readonly Paper[], labels: GroupLabels): Steps<PaperGroup[]> {
  const parents = labels.topicParents ?? new Map<string, string>();
  const primary = (paper: Paper) => paper.topics[0] ?? 'other';
  const groups = yield* groupInSteps(papers, (paper) => parents.get(primary(paper)) ?? primary(paper));
  const order = [...labels.topicLabels.keys()];
  const labelOf = (id: string) => labels.topicLabels.get(id) ?? id;
  const list: PaperGroup[] = [];
  for (const [id, members] of groups) {
    const group: PaperGroup = { id, label: labelOf(id), papers: members };
    if (members.some((p) => parents.has(primary(p)))) {
      const sub = yield* groupInSteps(members, primary);
      group.children = sortTopicGroups([...sub].map(([subId, subMembers]) => ({ id: subId, label: labelOf(subId), papers: subMembers })), order);
    }
    list.push(group);
  }
  return sortTopicGroups(list, order);
}

/** By source keyword (as the source writes it, grouped ignoring case); a paper with several keywords is in several groups. */
function* groupByKeyword(papers: readonly Paper[], noKeywords: string): Steps<PaperGroup[]> {
  const groups = new Map<string, PaperGroup>();
  const none: Paper[] = [];
  for (let i = 0; i < papers.length; i++) {
    const paper = papers[i];
    const seen = new Set<string>();
    for (const keyword of paper.keywords) {
      const label = typeof keyword === 'string' ? keyword.trim() : '';
      const id = label.toLowerCase();
      if (!id || seen.has(id)) continue;
      seen.add(id);
      const group = groups.get(id);
      if (group) group.papers.push(paper);
      else groups.set(id, { id: `kw:${id}`, label, papers: [paper] });
    }
    if (seen.size === 0) none.push(paper);
    if ((i & 0xfff) === 0xfff) yield;
  }
  const list = [...groups.values()].sort((a, b) => b.papers.length - a.papers.length || a.label.localeCompare(b.label));
  if (none.length) list.push({ id: 'kw:', label: noKeywords, papers: none });
  return list;
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
