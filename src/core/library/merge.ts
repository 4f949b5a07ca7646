import { baseKey } from '../keys';
import type { DraftPaper, Paper, Problem } from '../model';
import { ShardedMap, ShardedSet } from '../shardedMap';
import type { Steps } from '../slices';
import { normalizeTitle } from '../text';
import { arxivId, citationId, doiId, sameWork } from './sameWork';

/**
 * Folds the same work from several sources into one paper, and keeps every
 * key it had: the first source's key is the paper's, the others become its
 * `aliases` (see sameWork.ts for what counts as the same work).
 *
 * - Input order is precedence: the first entry wins every field it has; a
 *   later entry of the same work only fills fields it lacks, and adds its
 *   keywords and stated topics. Nothing is taken from any other entry.
 * - Inside one file, two entries with different keys are never folded: a
 *   probable duplicate is reported (info), and both stay citable.
 * - An identifier (DOI, arXiv id) shared by entries whose titles disagree is
 *   reported as suspect (warning); the entries stay apart.
 * - A key a later source uses for a different work cannot name both: the
 *   later entry is left out, with a warning.
 * - Every fold is reported (info, at the folded entry's line).
 */
export interface MergeResult {
  papers: DraftPaper[];
  problems: Problem[];
}

/** One paper being gathered: its merged fields and the entries folded into it. */
interface Group {
  paper: DraftPaper;
  members: DraftPaper[];
  /** The paper's title, normalised (see sameWork.ts). */
  title: string;
}

/** Entries looked at per step: a millisecond or two of work. */
const STEP = 0xff;

/** The merge step by step, for `runInSlices` (or `runToEnd`). Inputs are not changed. */
export function* mergeDuplicateSteps(drafts: DraftPaper[]): Steps<MergeResult> {
  const groups: Group[] = [];
  const problems: Problem[] = [];
  // Sharded: one map of every identity (up to four a paper) is rehashed whole each time it doubles,
  // a step of 15-20 ms at 100k papers in Node, which in the host (a larger heap) reached 160 ms.
  const byId = new ShardedMap<Group[]>();
  const index = (group: Group, ids: readonly string[]) => {
    for (const id of ids) {
      const list = byId.get(id);
      if (!list) byId.set(id, [group]);
      else if (!list.includes(group)) list.push(group);
    }
  };

  let seen = 0;
  for (const draft of drafts) {
    if ((++seen & STEP) === 0) yield;
    // A draft's title is normalised once, and its identities worked out once (normalising is most of the cost).
    const title = normalizeTitle(draft.title);
    const ids = identities(draft, title);
    const candidates = [...new Set(ids.flatMap((id) => byId.get(id) ?? []))];
    let home: Group | undefined;
    let shadowedBy: Group | undefined;
    let suspected = false;
    for (const group of candidates) {
      const verdict = sameWork(group.paper, draft, { earlier: group.title, later: title });
      const sibling = group.members.find((m) => m.origin.source === draft.origin.source && m.key && draft.key && m.key !== draft.key);
      if (sibling) {
        if (verdict.same) problems.push(report(draft, 'info', `Probable duplicate of "${sibling.key}" (line ${sibling.origin.line ?? '?'}): ${verdict.why}. Both are kept, each under its own key.`));
      } else if (verdict.same && !home) {
        home = group;
        const what = draft.key === group.paper.key ? 'This entry' : name(draft);
        problems.push(report(draft, 'info', `${what} is the same work as ${name(group.paper)} (${where(group.members[0])}): ${verdict.why}. Merged; ${draft.key ? 'its key still cites it' : 'the first entry wins each field'}.`));
        continue;
      } else if (!verdict.same && draft.key && group.members.some((m) => m.key === draft.key)) {
        shadowedBy = group;
      }
      if (!verdict.same && verdict.suspect && !suspected) {
        suspected = true;
        problems.push(report(draft, 'warning', `Shares ${verdict.suspect} with ${name(group.paper)} (${where(group.members[0])}), but the titles differ; kept apart (is the identifier wrong?).`));
      }
    }
    if (home) {
      fold(home, draft, title);
      index(home, ids);
    } else if (shadowedBy) {
      problems.push(report(draft, 'warning', `The key "${draft.key}" already names a different work (${where(shadowedBy.members[0])}); this entry was left out. Give it a key of its own.`));
    } else {
      const group: Group = { paper: { ...draft, keywords: [...draft.keywords] }, members: [draft], title };
      groups.push(group);
      index(group, ids);
    }
  }
  return { papers: groups.map(withAliases), problems };
}

/**
 * Drops aliases that are some paper's own key (a key names its own paper
 * first) and repeats. Run once keys are assigned.
 */
export function* settleAliases(papers: Paper[]): Steps<Paper[]> {
  const keys = new ShardedSet();
  for (let i = 0; i < papers.length; i++) {
    keys.add(papers[i].key);
    if ((i & 0xfff) === 0xfff) yield;
  }
  for (const paper of papers) {
    if (!paper.aliases) continue;
    const aliases = [...new Set(paper.aliases)].filter((a) => !keys.has(a));
    if (aliases.length) paper.aliases = aliases;
    else delete paper.aliases;
  }
  return papers;
}

function identities(paper: DraftPaper, title: string): string[] {
  const ids: string[] = [];
  if (paper.key) ids.push(`key:${paper.key}`);
  const doi = doiId(paper.doi);
  if (doi) ids.push(`doi:${doi}`);
  const arxiv = arxivId(paper.arxiv);
  if (arxiv) ids.push(`arxiv:${arxiv}`);
  const cited = citationId(paper, title);
  if (cited) ids.push(`cite:${cited}`);
  return ids;
}

/** Folds `other` (its title normalised: `title`) into the group. */
function fold(group: Group, other: DraftPaper, title: string): void {
  const target = group.paper;
  group.members.push(other);
  if (!target.key && other.key) {
    target.key = other.key;
    target.generatedKey = other.generatedKey;
  }
  const fields = ['year', 'venue', 'abstract', 'doi', 'arxiv', 'url', 'codeUrl', 'file', 'type'] as const;
  for (const field of fields) {
    if (target[field] === undefined && other[field] !== undefined) {
      (target as unknown as Record<string, unknown>)[field] = other[field];
    }
  }
  if (!target.title && other.title) {
    target.title = other.title;
    group.title = title;
  }
  if (target.authors.length === 0) target.authors = other.authors;
  target.keywords = union(target.keywords, other.keywords);
  if (other.statedTopics?.length) target.statedTopics = union(target.statedTopics ?? [], other.statedTopics);
}

/** Every key of a group: its members' own keys, and for members without one the key they would have been given. */
function keysOf(group: Group): string[] {
  return group.members.map((m) => m.key ?? baseKey(m));
}

function withAliases(group: Group): DraftPaper {
  if (group.members.length === 1) return group.paper;
  const own = group.paper.key ?? baseKey(group.paper);
  const aliases = [...new Set(keysOf(group))].filter((k) => k !== own);
  return aliases.length ? { ...group.paper, aliases } : group.paper;
}

function report(draft: DraftPaper, severity: Problem['severity'], message: string): Problem {
  return { source: draft.origin.source, line: draft.origin.line, severity, message };
}

function name(paper: DraftPaper): string {
  return paper.key ? `"${paper.key}"` : `"${paper.title.slice(0, 60)}"`;
}

function where(paper: DraftPaper): string {
  return paper.origin.line ? `${paper.origin.source}:${paper.origin.line}` : paper.origin.source;
}

function union(a: string[], b: string[]): string[] {
  const seen = new Set(a.map((s) => s.toLowerCase()));
  return [...a, ...b.filter((s) => !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()))];
}
