import type { DraftParseResult, Paper, Problem } from '../model';
import { SearchIndex } from '../search/searchIndex';
import type { Steps } from '../slices';
import type { Taxonomy } from '../topics/taxonomy';
import { assignLibraryTopics, type TopicOptions, type TopicState } from '../topics/topicModes';
import { sortForDisplay } from './displayOrder';
import { assembleLibrarySteps, assemblePapersSteps } from './library';

/** A library ready to show: papers in display order, their problems, and the index over them. */
export interface BuiltLibrary {
  papers: Paper[];
  problems: Problem[];
  index: SearchIndex;
  topics: TopicState;
}

/**
 * Everything a (re)load does after reading the sources: assemble (merge,
 * keys, topics), sort into display order, and index, as one job. The index
 * is `previous` updated (unchanged papers keep their postings); `previous`
 * itself is not changed. Yields what it is doing, for progress messages.
 */
export function* buildLibrary(sources: DraftParseResult[], taxonomy: Taxonomy, previous: SearchIndex, topicOptions?: TopicOptions, searchable?: (early: BuiltLibrary) => void): Steps<BuiltLibrary, string> {
  if (searchable && previous.size === 0) return yield* buildSearchableFirst(sources, taxonomy, topicOptions, searchable);
  const library = yield* label(assembleLibrarySteps(sources, taxonomy, topicOptions), () => 'assembling');
  const papers = yield* label(sortForDisplay(library.papers), () => 'sorting');
  const index = yield* label(previous.update(papers), (done) => `indexing ${done}/${papers.length}`);
  return { papers, problems: library.problems, index, topics: library.topics };
}

/**
 * A first build (no previous index to reuse) that is searchable before its
 * topics are known: papers are merged, keyed, sorted and their text indexed;
 * `searchable` gets that library, papers without topics and an index without
 * them (topic discovery takes as long as indexing at 100k papers). Then
 * topics are assigned and indexed. Returns the same library as the one-stage
 * build: topics are assigned in the same order, and the index is the same.
 */
function* buildSearchableFirst(sources: DraftParseResult[], taxonomy: Taxonomy, topicOptions: TopicOptions | undefined, searchable: (early: BuiltLibrary) => void): Steps<BuiltLibrary, string> {
  const library = yield* label(assemblePapersSteps(sources), () => 'assembling');
  const papers = yield* label(sortForDisplay(library.papers), () => 'sorting');
  const staged = yield* label(SearchIndex.staged(papers), (done) => `indexing ${done}/${papers.length}`);
  // Steps of their own: the index's last step, handing it over (the search waiting for it runs then) and topics' first.
  yield 'searchable';
  searchable({ papers, problems: library.problems, index: staged.early, topics: { topics: [], placed: 0 } });
  yield 'finding topics';
  const topics = yield* label(assignLibraryTopics(library.papers, taxonomy, topicOptions ?? { mode: 'auto' }), () => 'finding topics');
  const index = yield* label(staged.finish(), (done) => `indexing topics ${done}/${papers.length}`);
  return { papers, problems: library.problems, index, topics };
}

/** Runs `steps`, yielding a progress message in place of each of its values. */
function* label<T, P>(steps: Steps<T, P>, message: (progress: P) => string): Steps<T, string> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    yield message(step.value);
  }
}
