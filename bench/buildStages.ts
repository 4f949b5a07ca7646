/**
 * What a first build costs the host thread after the files are parsed, stage
 * by stage, on the real code path: merge, keys and aliases, topics, display
 * order, the index; then the staged build a first load runs (searchable
 * before topics) with the time its early index was ready. Wall-clock
 * milliseconds (process CPU time would count V8's own GC threads too); the
 * machine is shared, so run it on a quiet one. One size per run:
 *
 *   node esbuild.js && npx tsc -p tsconfig.test.json && node out/bench/buildStages.js 100000
 *
 * Prints a table, and the same figures as JSON on the last line.
 */
import { readFileSync } from 'node:fs';
import { buildLibrary } from '../src/core/library/buildLibrary';
import { sortForDisplay } from '../src/core/library/displayOrder';
import { mergeDuplicateSteps, settleAliases } from '../src/core/library/merge';
import { assignKeysSteps } from '../src/core/keys';
import type { DraftParseResult, Paper } from '../src/core/model';
import { SearchIndex } from '../src/core/search/searchIndex';
import { runToEnd } from '../src/core/slices';
import { parseBibtexSteps } from '../src/core/sources/bibtex';
import { assignLibraryTopics } from '../src/core/topics/topicModes';
import { DEFAULT_TAXONOMY } from '../src/core/topics/taxonomy';
import { ensureLibrary } from './generate';
import { fmtMs } from './measure';

/** How long `fn` took, in milliseconds. */
function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

export function buildStages(size: number): Record<string, number> {
  const { path } = ensureLibrary(size);
  const parse = (): DraftParseResult => runToEnd(parseBibtexSteps(readFileSync(path, 'utf8'), path));
  const stages: Record<string, number> = {};
  const parsed = timed(parse);
  stages.parse = parsed.ms;

  // The stages of assembleLibrarySteps and buildLibrary, one by one.
  const merged = timed(() => runToEnd(mergeDuplicateSteps(parsed.value.papers)));
  stages.merge = merged.ms;
  const keyed = timed(() => runToEnd(assignKeysSteps(merged.value.papers)));
  stages.keys = keyed.ms;
  const papers = timed(() => runToEnd(settleAliases(keyed.value.map((p): Paper => ({ ...p, topics: [] })))));
  stages.aliases = papers.ms;
  stages.topics = timed(() => runToEnd(assignLibraryTopics(papers.value, DEFAULT_TAXONOMY, { mode: 'auto' }))).ms;
  const sorted = timed(() => runToEnd(sortForDisplay(papers.value)));
  stages.sort = sorted.ms;
  stages.index = timed(() => runToEnd(SearchIndex.build(sorted.value))).ms;

  // The whole first build as a load runs it, and when it was searchable (before topics).
  const sources = [parse()];
  const start = performance.now();
  let searchable = 0;
  const whole = timed(() => runToEnd(buildLibrary(sources, DEFAULT_TAXONOMY, SearchIndex.empty(), undefined, () => {
    searchable = performance.now() - start;
  })));
  stages.firstBuildSearchable = searchable;
  stages.firstBuild = whole.ms;
  return stages;
}

if (require.main === module) {
  const size = Number(process.argv[2] ?? 10000);
  const stages = buildStages(size);
  console.log(`${size} entries: milliseconds per stage`);
  for (const [stage, ms] of Object.entries(stages)) console.log(`  ${stage.padEnd(22)} ${fmtMs(ms).padStart(9)}`);
  console.log(JSON.stringify({ size, stages }));
}
