import { assignKeys } from '../keys';
import type { DraftParseResult, Paper, Problem } from '../model';
import { assignTopics } from '../topics/classify';
import type { Taxonomy } from '../topics/taxonomy';
import type { Steps } from '../slices';
import { mergeDuplicateSteps, settleAliases } from './merge';

export interface Library {
  papers: Paper[];
  problems: Problem[];
}

/** Papers classified per step: a few milliseconds of work. */
const CLASSIFY_BATCH = 256;

/**
 * Turns parsed sources into the library: the same work from several sources
 * merged (earlier sources take precedence, every key still resolves), every
 * paper keyed, every paper given topics. Step by step (run it with
 * `runToEnd` or `runInSlices`): the topic classifier, its longest part, runs
 * in batches.
 *
 * Precedence, as the extension orders sources: the user's library files in
 * the order of `litnotes.sources`, then notes' front matter, then the
 * embedded corpus.
 */
export function* assembleLibrarySteps(sources: DraftParseResult[], taxonomy: Taxonomy): Steps<Library> {
  const drafts = sources.flatMap((s) => s.papers);
  const problems = sources.flatMap((s) => s.problems);
  const merged = yield* mergeDuplicateSteps(drafts);
  problems.push(...merged.problems);
  const keyed = assignKeys(merged.papers);
  yield;
  const papers: Paper[] = settleAliases(keyed.map((p) => ({ ...p, topics: [] })));
  for (let start = 0; start < papers.length; start += CLASSIFY_BATCH) {
    assignTopics(papers.slice(start, start + CLASSIFY_BATCH), taxonomy);
    yield;
  }
  return { papers, problems };
}
