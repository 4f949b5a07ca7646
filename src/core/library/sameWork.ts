/**
 * When two entries describe the same work. Only strong evidence counts, so
 * that distinct works never fold together:
 *
 * - equal DOI (unless the titles disagree: then the DOI is suspect);
 * - or an equal arXiv id, and titles that agree;
 * - or an equal normalised title, year and first author;
 * - or an equal citation key (across sources), and titles that agree: a key
 *   is the user's own name for a work, so a note or a second file using it
 *   means that work.
 *
 * Never the title alone, and never when both have DOIs that differ.
 */
import type { DraftPaper } from '../model';
import { foldToAscii, normalizeTitle } from '../text';

export type Verdict =
  | { same: true; why: string }
  | { same: false; suspect?: string };

/** A DOI as compared: lower case, without a resolver prefix. */
export function doiId(doi: string | undefined): string | undefined {
  const id = doi?.trim().toLowerCase().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/, '');
  return id || undefined;
}

/** An arXiv id as compared: lower case, without "arXiv:" and the version. */
export function arxivId(arxiv: string | undefined): string | undefined {
  const id = arxiv?.trim().toLowerCase().replace(/^arxiv:\s*/, '').replace(/v\d+$/, '');
  return id && /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})$/.test(id) ? id : undefined;
}

/** Normalised title, year and first author's family name, when all three are known. `title`: the paper's title normalised, if known. */
export function citationId(paper: DraftPaper, title = normalizeTitle(paper.title)): string | undefined {
  const family = foldToAscii(paper.authors[0]?.family ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '');
  return title && family && paper.year !== undefined ? `${title}|${paper.year}|${family}` : undefined;
}

/**
 * Whether two titles name the same work: equal once normalised, one the
 * other's start (a subtitle left out), or mostly the same words. Unknown
 * when either is empty.
 */
export function titlesAgree(a: string, b: string): boolean | undefined {
  return normalizedTitlesAgree(normalizeTitle(a), normalizeTitle(b));
}

function normalizedTitlesAgree(x: string, y: string): boolean | undefined {
  if (!x || !y) return undefined;
  if (x === y || x.startsWith(`${y} `) || y.startsWith(`${x} `)) return true;
  const wordsX = new Set(x.split(' '));
  const wordsY = new Set(y.split(' '));
  let shared = 0;
  for (const w of wordsX) if (wordsY.has(w)) shared++;
  return (2 * shared) / (wordsX.size + wordsY.size) >= 0.8;
}

/** Normalised titles of the two papers `sameWork` compares (normalising is most of its cost, and a merge knows them). */
export interface TitlePair {
  earlier: string;
  later: string;
}

/** Whether `later` is the same work as `earlier`, and if not, whether a shared identifier looks wrong. */
export function sameWork(earlier: DraftPaper, later: DraftPaper, normalized?: TitlePair): Verdict {
  const titleOf = normalized ?? { earlier: normalizeTitle(earlier.title), later: normalizeTitle(later.title) };
  const doiA = doiId(earlier.doi);
  const doiB = doiId(later.doi);
  if (doiA && doiB && doiA !== doiB) return { same: false };
  const titles = normalizedTitlesAgree(titleOf.earlier, titleOf.later);
  if (doiA && doiA === doiB) {
    return titles === false ? { same: false, suspect: `DOI ${later.doi}` } : { same: true, why: `same DOI ${later.doi}` };
  }
  const arxiv = arxivId(earlier.arxiv);
  if (arxiv && arxiv === arxivId(later.arxiv)) {
    if (titles) return { same: true, why: `same arXiv id ${arxiv}` };
    if (titles === false) return { same: false, suspect: `arXiv id ${arxiv}` };
  }
  const cited = citationId(earlier, titleOf.earlier);
  if (cited && cited === citationId(later, titleOf.later)) return { same: true, why: 'same title, year and first author' };
  if (earlier.key && earlier.key === later.key && titles !== false) return { same: true, why: 'same key' };
  return { same: false };
}
