import { assignKeysSteps } from '../keys';
import type { DraftParseResult, Paper, Problem } from '../model';
import type { Taxonomy } from '../topics/taxonomy';
import { assignLibraryTopics, type TopicOptions, type TopicState } from '../topics/topicModes';
import type { Steps } from '../slices';
import { mergeDuplicateSteps, settleAliases } from './merge';

export interface Library {
  papers: Paper[];
  problems: Problem[];
  /** The topics in use, and what discovery learnt (for the next load). */
  topics: TopicState;
}

/**
 * Turns parsed sources into the library: the same work from several sources
 * merged (earlier sources take precedence, every key still resolves), every
 * paper keyed, every paper given topics (as `topicOptions.mode` says; see
 * topics/topicModes.ts). Step by step (run it with `runToEnd` or
 * `runInSlices`): topics, its longest part, run in batches.
 *
 * Precedence, as the extension orders sources: the user's library files in
 * the order of `litnotes.sources`, then notes' front matter, then the
 * embedded corpus.
 */
export function* assembleLibrarySteps(sources: DraftParseResult[], taxonomy: Taxonomy, topicOptions: TopicOptions = { mode: 'auto' }): Steps<Library> {
  const { papers, problems } = yield* assemblePapersSteps(sources);
  const topics = yield* assignLibraryTopics(papers, taxonomy, topicOptions);
  return { papers, problems, topics };
}

/** The first part of `assembleLibrarySteps`: merged and keyed papers, each with no topics yet (`topics: []`). */
export function* assemblePapersSteps(sources: DraftParseResult[]): Steps<Omit<Library, 'topics'>> {
  const drafts = sources.flatMap((s) => s.papers);
  const problems = sources.flatMap((s) => s.problems);
  const merged = yield* mergeDuplicateSteps(drafts);
  problems.push(...merged.problems);
  const keyed = yield* assignKeysSteps(merged.papers);
  // The merge's papers are its own copies (the drafts, which a parse cache may keep, are never changed):
  // they take their topics in place. A copy of each was 100,000 new objects at once, all surviving
  // into the collector's next pauses.
  const papers = keyed as Array<typeof keyed[number] & { topics: string[] }>;
  for (let i = 0; i < papers.length; i++) {
    papers[i].topics = [];
    if ((i & 0x3ff) === 0x3ff) yield;
  }
  yield* settleAliases(papers);
  return { papers, problems };
}
