import type { DraftPaper } from '../model';
import { runToEnd, type Steps } from '../slices';
import { normalizeTitle } from '../text';

/**
 * Collapses duplicates across sources. Two papers are the same when they share
 * a key, a DOI, an arXiv id or a normalized title. Input order is precedence:
 * the first paper seen wins every field it has; later duplicates only fill the
 * fields it lacks, and their keywords and stated topics are added.
 */
export function mergeDuplicates(papers: DraftPaper[]): DraftPaper[] {
  return runToEnd(mergeDuplicateSteps(papers));
}

/** `mergeDuplicates` step by step (a few thousand papers per step), for `runInSlices`. */
export function* mergeDuplicateSteps(papers: DraftPaper[]): Steps<DraftPaper[]> {
  const merged: DraftPaper[] = [];
  const byIdentity = new Map<string, DraftPaper>();

  let seen = 0;
  for (const paper of papers) {
    if ((++seen & 0x7ff) === 0) yield;
    const ids = identities(paper);
    const existing = ids.map((id) => byIdentity.get(id)).find(Boolean);
    if (existing) {
      fillMissing(existing, paper);
      for (const id of identities(existing)) byIdentity.set(id, existing);
    } else {
      const copy: DraftPaper = { ...paper, keywords: [...paper.keywords] };
      merged.push(copy);
      for (const id of ids) byIdentity.set(id, copy);
    }
  }
  return merged;
}

function identities(paper: DraftPaper): string[] {
  const ids: string[] = [];
  if (paper.key) ids.push(`key:${paper.key}`);
  if (paper.doi) ids.push(`doi:${paper.doi.toLowerCase().replace(/^https?:\/\/(dx\.)?doi\.org\//, '')}`);
  if (paper.arxiv) ids.push(`arxiv:${paper.arxiv.toLowerCase().replace(/v\d+$/, '')}`);
  const title = normalizeTitle(paper.title);
  if (title.length >= 12) ids.push(`title:${title}`);
  return ids;
}

function fillMissing(target: DraftPaper, other: DraftPaper): void {
  const fields = ['key', 'year', 'venue', 'abstract', 'doi', 'arxiv', 'url', 'codeUrl', 'file', 'type'] as const;
  for (const field of fields) {
    if (target[field] === undefined && other[field] !== undefined) {
      (target as unknown as Record<string, unknown>)[field] = other[field];
      if (field === 'key') target.generatedKey = other.generatedKey;
    }
  }
  if (!target.title && other.title) target.title = other.title;
  if (target.authors.length === 0) target.authors = other.authors;
  target.keywords = union(target.keywords, other.keywords);
  if (other.statedTopics?.length) target.statedTopics = union(target.statedTopics ?? [], other.statedTopics);
}

function union(a: string[], b: string[]): string[] {
  const seen = new Set(a.map((s) => s.toLowerCase()));
  return [...a, ...b.filter((s) => !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()))];
}
