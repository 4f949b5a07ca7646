import type { DraftParseResult, Paper, Problem } from '../model';
import type { SearchIndex } from '../search/searchIndex';
import type { Steps } from '../slices';
import type { Taxonomy } from '../topics/taxonomy';
import type { TopicOptions, TopicState } from '../topics/topicModes';
import { sortForDisplay } from './displayOrder';
import { assembleLibrarySteps } from './library';

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
export function* buildLibrary(sources: DraftParseResult[], taxonomy: Taxonomy, previous: SearchIndex, topicOptions?: TopicOptions): Steps<BuiltLibrary, string> {
  const library = yield* label(assembleLibrarySteps(sources, taxonomy, topicOptions), () => 'assembling');
  const papers = yield* label(sortForDisplay(library.papers), () => 'sorting');
  const index = yield* label(previous.update(papers), (done) => `indexing ${done}/${papers.length}`);
  return { papers, problems: library.problems, index, topics: library.topics };
}

/** Runs `steps`, yielding a progress message in place of each of its values. */
function* label<T, P>(steps: Steps<T, P>, message: (progress: P) => string): Steps<T, string> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    yield message(step.value);
  }
}
