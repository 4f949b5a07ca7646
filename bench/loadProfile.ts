/**
 * Where a cold BibTeX load spends its time, stage by stage, on the real code
 * path: scan, citation-js's file grammar, the CSL mapping (or the fast path),
 * assembly, display order and the index. One size per run:
 *
 *   npx tsc -p tsconfig.test.json && node --expose-gc out/bench/loadProfile.js 10000
 *
 * Prints a table, and the same figures as JSON on the last line.
 */
import { readFileSync } from 'node:fs';
import { parse as parseBibFile, type RawBibEntry } from '@citation-js/plugin-bibtex/lib/input/file.js';
import { parse as bibEntriesToCsl } from '@citation-js/plugin-bibtex/lib/input/entries.js';
import { sortForDisplay } from '../src/core/library/displayOrder';
import { assembleLibrarySteps } from '../src/core/library/library';
import { SearchIndex } from '../src/core/search/searchIndex';
import { runToEnd } from '../src/core/slices';
import { scanBibBlockSteps } from '../src/core/sources/bibScanner';
import { parseBibtexSteps } from '../src/core/sources/bibtex';
import { toPapers, type GoodEntry } from '../src/core/sources/bibToPapers';
import { withUnicodeFields } from '../src/core/text/latexToUnicode';
import { DEFAULT_TAXONOMY } from '../src/core/topics/taxonomy';
import { ensureLibrary } from './generate';
import { fmtMs, forceGc, timed } from './measure';

export interface LoadProfile {
  size: number;
  bytes: number;
  stages: Record<string, number>;
}

/** The stages of one cold load of a `size`-entry synthetic library, in milliseconds. */
export function profileLoad(size: number): LoadProfile {
  const { path } = ensureLibrary(size);
  const stages: Record<string, number> = {};
  const read = timed(() => readFileSync(path, 'utf8'));
  stages.read = read.ms;
  const text = read.value;

  // The parser's stages one by one, as bibtex.ts runs them (batches of 500 and 100).
  const scan = timed(() => runToEnd(scanBibBlockSteps(text)));
  stages.scan = scan.ms;
  const blocks = scan.value.filter((b) => b.type !== 'comment' && b.type !== 'preamble' && !b.unterminated);
  const strings = blocks.filter((b) => b.type === 'string').map((b) => b.text + '\n').join('');
  const entries = blocks.filter((b) => b.type !== 'string');
  const grammar = timed(() => {
    const good: GoodEntry[] = [];
    for (let i = 0; i < entries.length; i += 500) {
      const run = entries.slice(i, i + 500);
      parseBibFile(strings + run.map((b) => b.text).join('\n')).forEach((raw, j) => good.push({ raw, line: run[j].line }));
    }
    return good;
  });
  stages.grammar = grammar.ms;
  stages.latexToUnicode = timed(() => grammar.value.map((e) => withUnicodeFields(e.raw))).ms;
  stages.cslMapping = timed(() => {
    const raws: RawBibEntry[] = grammar.value.map((e) => withUnicodeFields(e.raw));
    for (let i = 0; i < raws.length; i += 100) bibEntriesToCsl(raws.slice(i, i + 100));
  }).ms;
  stages.toPapers = timed(() => runToEnd(toPapers(grammar.value, path, []))).ms;
  forceGc();

  // The whole parser as a load runs it (to the end, no slices), then what follows.
  const parse = timed(() => runToEnd(parseBibtexSteps(text, path)));
  stages.parseTotal = parse.ms;
  const assemble = timed(() => runToEnd(assembleLibrarySteps([parse.value], DEFAULT_TAXONOMY)));
  stages.assemble = assemble.ms;
  const sorted = timed(() => runToEnd(sortForDisplay(assemble.value.papers)));
  stages.sort = sorted.ms;
  stages.index = timed(() => runToEnd(SearchIndex.build(sorted.value))).ms;
  stages.coldTotal = stages.read + stages.parseTotal + stages.assemble + stages.sort + stages.index;
  return { size, bytes: Buffer.byteLength(text), stages };
}

if (require.main === module) {
  const size = Number(process.argv[2] ?? 10000);
  const profile = profileLoad(size);
  console.log(`${size} entries, ${(profile.bytes / 1e6).toFixed(1)} MB`);
  for (const [stage, ms] of Object.entries(profile.stages)) console.log(`  ${stage.padEnd(16)} ${fmtMs(ms).padStart(9)}`);
  console.log(JSON.stringify(profile));
}
