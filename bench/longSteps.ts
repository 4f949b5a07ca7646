/**
 * The longest single steps of a first build (the steps `runInSlices` cuts
 * into 5 ms slices on the host's thread), with what the build was doing: a
 * step that runs long blocks the extension host however short the slices.
 * Run it under the Node the host runs (code-server's, for bench:host) with
 * `--trace-gc` to see which steps a full collection lands in:
 *
 *   npx tsc -p tsconfig.test.json && .code-server/node/node_modules/node/bin/node --expose-gc --trace-gc out/bench/longSteps.js 100000
 *
 * Prints the 15 longest steps; steps of 80 ms or more also as they happen
 * (so they sit next to the collector's lines).
 *
 * Two things make this run like the host's: the parse's garbage is
 * collected before the build (the host's parse runs in workers; without
 * `--expose-gc` a full collection freeing 500 MB lands in the index build),
 * and the build's steps are held by an object, not only by a local variable
 * of this script's top level. A local lives on the stack, which V8's
 * incremental marking only reads at its end: marking then found the library
 * only in its final pause, and a 130-170 ms pause "after finding topics"
 * was this script's own, not the host's (where the steps are held by a
 * suspended async function).
 */
import { buildLibrary } from '../src/core/library/buildLibrary';
import { parseFileSteps } from '../src/core/load/parseFile';
import { SearchIndex } from '../src/core/search/searchIndex';
import { runToEnd } from '../src/core/slices';
import { DEFAULT_TAXONOMY } from '../src/core/topics/taxonomy';
import { generateBibtex } from './generate';

const entries = Number(process.argv[2] ?? 100_000);
const parsed = runToEnd(parseFileSteps(new TextEncoder().encode(generateBibtex(entries)), '/bench/library.bib'));
(globalThis as { gc?: () => void }).gc?.();
const held = { steps: buildLibrary([parsed], DEFAULT_TAXONOMY, SearchIndex.empty(), { mode: 'auto' }, () => undefined) };
const longest: Array<{ ms: number; step: number; after: string }> = [];
let after = 'the start';
for (let step = 0; ; step++) {
  const start = performance.now();
  const next = held.steps.next();
  const ms = performance.now() - start;
  if (ms >= 80) console.log(`long step: ${ms.toFixed(1)} ms, step ${step}, after "${after}"`);
  if (ms >= 10) longest.push({ ms, step, after });
  if (next.done) {
    console.log(`${entries} entries, ${step + 1} steps; the longest:`);
    break;
  }
  after = next.value;
}
for (const { ms, step, after: what } of longest.sort((a, b) => b.ms - a.ms).slice(0, 15)) console.log(`  ${ms.toFixed(1)} ms  step ${step}  after "${what}"`);
