import { assignKeys } from '../keys';
import type { DraftParseResult, Paper, Problem } from '../model';
import { assignTopics } from '../topics/classify';
import type { Taxonomy } from '../topics/taxonomy';
import { mergeDuplicates } from './merge';

export interface Library {
  papers: Paper[];
  problems: Problem[];
}

/**
 * Turns parsed sources into the library: duplicates merged (earlier sources
 * take precedence), every paper keyed, every paper given topics.
 *
 * Precedence, as the extension orders sources: the user's library files in
 * the order of `litnotes.sources`, then notes' front matter, then the
 * embedded corpus.
 */
export function assembleLibrary(sources: DraftParseResult[], taxonomy: Taxonomy): Library {
  const drafts = sources.flatMap((s) => s.papers);
  const problems = sources.flatMap((s) => s.problems);
  const merged = mergeDuplicates(drafts);
  const keyed = assignKeys(merged);
  const papers: Paper[] = keyed.map((p) => ({ ...p, topics: [] }));
  assignTopics(papers, taxonomy);
  return { papers, problems };
}
