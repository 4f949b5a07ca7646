/**
 * Where a cold BibTeX load spends its time, stage by stage, on the real code
 * path: scan, citation-js's file grammar, the CSL mapping (careful: citation-js
 * reads every value; fast: bibFastValues.ts reads the plain ones), assembly,
 * display order and the index; then the parse in the Node parse worker
 * (dist/node/parseWorker.js) with the host thread watched, and what each way
 * of handing the result back costs the host thread. One size per run:
 *
 *   node esbuild.js && npx tsc -p tsconfig.test.json && node --expose-gc out/bench/loadProfile.js 10000
 *
 * Prints a table, and the same figures as JSON on the last line.
 */
import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { performance as nodePerformance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { parse as parseBibFile, type RawBibEntry } from '@citation-js/plugin-bibtex/lib/input/file.js';
import { parse as bibEntriesToCsl } from '@citation-js/plugin-bibtex/lib/input/entries.js';
import { PAPERS_PER_CHUNK, ParseResultCollector, type ParseReply } from '../src/core/load/workerProtocol';
import { sortForDisplay } from '../src/core/library/displayOrder';
import { assembleLibrarySteps } from '../src/core/library/library';
import type { DraftParseResult } from '../src/core/model';
import { SearchIndex } from '../src/core/search/searchIndex';
import { runInSlices, runToEnd } from '../src/core/slices';
import { scanBibBlockSteps } from '../src/core/sources/bibScanner';
import { fastEntriesToCsl } from '../src/core/sources/bibFastValues';
import { parseBibtexSteps } from '../src/core/sources/bibtex';
import { parseFileSteps } from '../src/core/load/parseFile';
import { toPapers, type GoodEntry } from '../src/core/sources/bibToPapers';
import { withUnicodeFields } from '../src/core/text/latexToUnicode';
import { DEFAULT_TAXONOMY } from '../src/core/topics/taxonomy';
import { ensureLibrary } from './generate';
import { buildInNodeWorker, NODE_WORKER, parseInNodeWorker } from './nodeWorker';
import { fmtMs, forceGc, LoopMonitor, timed } from './measure';

export interface LoadProfile {
  size: number;
  bytes: number;
  /** Milliseconds per stage. */
  stages: Record<string, number>;
}

/** The fastest of `runs` runs (the machine is shared, so one run is noisy), with the last run's value. */
function best<T>(runs: number, fn: () => T): { value: T; ms: number } {
  let result = timed(fn);
  for (let i = 1; i < runs; i++) {
    const next = timed(fn);
    result = { value: next.value, ms: Math.min(result.ms, next.ms) };
  }
  return result;
}

/** The stages of one cold load of a `size`-entry synthetic library, in milliseconds; each stage the best of `runs`. */
export async function profileLoad(size: number, runs = size >= 100000 ? 1 : 3): Promise<LoadProfile> {
  const timed = <T>(fn: () => T) => best(runs, fn);
  const { path } = ensureLibrary(size);
  const stages: Record<string, number> = {};
  // The worker first, while this thread's heap is small, as the extension host's is at a cold load
  // (later, collecting the garbage of the stages below would block this thread by itself).
  Object.assign(stages, await inWorker(path));
  forceGc();
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
  const unicode = timed(() => grammar.value.map((e) => withUnicodeFields(e.raw)));
  stages.latexToUnicode = unicode.ms;
  const mapAll = (toCsl: (raws: RawBibEntry[]) => unknown) => () => {
    for (let i = 0; i < unicode.value.length; i += 100) toCsl(unicode.value.slice(i, i + 100));
  };
  stages.cslCareful = timed(mapAll(bibEntriesToCsl)).ms;
  stages.cslFast = timed(mapAll(fastEntriesToCsl)).ms;
  stages.toPapersCareful = timed(() => runToEnd(toPapers(grammar.value, path, [], { fastValues: false }))).ms;
  stages.toPapersFast = timed(() => runToEnd(toPapers(grammar.value, path, []))).ms;
  (unicode as { value: unknown }).value = undefined;
  forceGc();

  // The whole parser as a load runs it (to the end, no slices), each way, then what follows.
  stages.parseCareful = timed(() => runToEnd(parseBibtexSteps(text, path, { fastValues: false }))).ms;
  forceGc();
  const parse = timed(() => runToEnd(parseBibtexSteps(text, path)));
  stages.parseFast = parse.ms;
  forceGc();
  // As the extension parses a file: from its bytes, a window at a time.
  const fileBytes = new TextEncoder().encode(text);
  stages.parseBytes = timed(() => runToEnd(parseFileSteps(fileBytes, path))).ms;
  const assemble = timed(() => runToEnd(assembleLibrarySteps([parse.value], DEFAULT_TAXONOMY)));
  stages.assemble = assemble.ms;
  const sorted = timed(() => runToEnd(sortForDisplay(assemble.value.papers)));
  stages.sort = sorted.ms;
  stages.index = timed(() => runToEnd(SearchIndex.build(sorted.value))).ms;
  stages.coldCareful = stages.read + stages.parseCareful + stages.assemble + stages.sort + stages.index;
  stages.coldFast = stages.read + stages.parseFast + stages.assemble + stages.sort + stages.index;

  Object.assign(stages, handOver(parse.value));
  Object.assign(stages, await buildInWorker(parse.value));
  (assemble as { value: unknown }).value = undefined;
  (sorted as { value: unknown }).value = undefined;
  return { size, bytes: Buffer.byteLength(text), stages };
}

/**
 * What receiving a parse result costs the host thread: a structured clone
 * (what postMessage of the objects does; V8's serializer), one JSON text, or
 * JSON chunks of PAPERS_PER_CHUNK papers (what the worker sends), longest chunk.
 */
function handOver(result: DraftParseResult): Record<string, number> {
  const cloned = serialize(result);
  const json = JSON.stringify(result);
  const chunks: string[] = [];
  for (let i = 0; i < result.papers.length; i += PAPERS_PER_CHUNK) chunks.push(JSON.stringify({ papers: result.papers.slice(i, i + PAPERS_PER_CHUNK) }));
  let longestChunk = 0;
  const chunked = timed(() => {
    longestChunk = 0;
    for (const chunk of chunks) longestChunk = Math.max(longestChunk, timed(() => JSON.parse(chunk)).ms);
  });
  return {
    receiveClone: timed(() => deserialize(cloned)).ms,
    receiveJson: timed(() => JSON.parse(json)).ms,
    receiveChunks: chunked.ms,
    receiveLongestChunk: longestChunk,
  };
}

/**
 * The library assembled, sorted and indexed in the Node parse worker, as a
 * first load does it: the sources sent in parts (the host lets its event loop
 * run between them), the papers back in chunks, the index restored from its
 * bytes in time slices; with this thread's busy time and longest block.
 */
async function buildInWorker(source: DraftParseResult): Promise<Record<string, number>> {
  forceGc();
  const monitor = new LoopMonitor();
  const elu = nodePerformance.eventLoopUtilization();
  const t0 = performance.now();
  monitor.start();
  const built = await buildInNodeWorker([source], DEFAULT_TAXONOMY, 10);
  if (!built.index) throw new Error('the worker sent no index');
  const t1 = performance.now();
  const index = await runInSlices(SearchIndex.restore(built.index, built.papers));
  const wall = performance.now() - t0;
  const loop = monitor.stop();
  if (index.size !== built.papers.length) throw new Error('the restored index does not hold every paper');
  return {
    buildWorkerWall: wall,
    buildWorkerRestore: performance.now() - t1,
    buildWorkerHostBusy: nodePerformance.eventLoopUtilization(elu).active,
    buildWorkerHostMaxBlock: loop.maxBlockMs,
  };
}

/** The parse in the Node parse worker, from posting the bytes to the last chunk decoded, with the host's event loop watched. */
async function inWorker(path: string): Promise<Record<string, number>> {
  const bytes = new Uint8Array(readFileSync(path));
  const monitor = new LoopMonitor();
  const t0 = performance.now();
  const elu = nodePerformance.eventLoopUtilization();
  monitor.start();
  const result = await parseInNodeWorker(bytes, path);
  const wall = performance.now() - t0;
  const loop = monitor.stop();
  // Time this thread ran code (the monitor's own ticks included), as opposed to waiting: unlike the
  // longest block, it does not count the time the OS gave the core to another process.
  const busy = nodePerformance.eventLoopUtilization(elu).active;
  if (result.papers.length === 0) throw new Error('the worker parsed no papers');
  // Resident memory of the whole process (this thread and the worker) so far, in MB; worker-only mode reads it before anything else ran.
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  return { workerWall: wall, workerHostBusy: busy, workerHostMaxBlock: loop.maxBlockMs, workerHostBlocksOver50ms: loop.blocksOver50ms, workerPeakRssMB: peakRssMB };
}

/** Parses one worker's share of `files` (UTF-8 texts) there, one after another. */
function parseAllInOneWorker(script: string, files: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script);
    let papers = 0;
    let next = 0;
    let collector = new ParseResultCollector();
    const send = () => {
      const bytes = new TextEncoder().encode(files[next]);
      worker.postMessage({ id: next, source: `part${next}.bib`, bytes }, [bytes.buffer]);
    };
    worker.on('message', (reply: ParseReply) => {
      if ('error' in reply) return reject(new Error(reply.error));
      const done = collector.add(reply.chunk, reply.done);
      if (!done) return;
      papers += done.papers.length;
      collector = new ParseResultCollector();
      if (++next < files.length) return send();
      void worker.terminate();
      resolve(papers);
    });
    worker.on('error', reject);
    if (files.length === 0) resolve(0);
    else send();
  });
}

/**
 * The library split into `parts` files (as the issue's 100k workspace was, into
 * files of 25k), parsed by one worker and by two at once, wall time each.
 */
async function inParallel(path: string, parts = 4): Promise<Record<string, number>> {
  const script = NODE_WORKER;
  const text = readFileSync(path, 'utf8');
  const header = text.slice(0, text.indexOf('\n@', text.indexOf('@string')) + 1);
  const entries = text.slice(header.length).split(/\n(?=@)/);
  const per = Math.ceil(entries.length / parts);
  const files = Array.from({ length: parts }, (_, i) => header + entries.slice(i * per, (i + 1) * per).join('\n'));
  const t0 = performance.now();
  const one = await parseAllInOneWorker(script, files);
  const oneWorker = performance.now() - t0;
  const t1 = performance.now();
  const two = (await Promise.all([parseAllInOneWorker(script, files.filter((_, i) => i % 2 === 0)), parseAllInOneWorker(script, files.filter((_, i) => i % 2 === 1))])).reduce((a, b) => a + b, 0);
  const twoWorkers = performance.now() - t1;
  if (one !== two) throw new Error(`one worker read ${one} papers, two ${two}`);
  return { [`${parts}FilesOneWorker`]: oneWorker, [`${parts}FilesTwoWorkers`]: twoWorkers, peakRssMB: process.resourceUsage().maxRSS / 1024 };
}

if (require.main === module) {
  const size = Number(process.argv[2] ?? 10000);
  // `… 100000 worker`: only the parse in the worker; `… 100000 parallel`: four files, one worker and two.
  const mode = process.argv[3];
  const only = mode === 'worker' ? inWorker : mode === 'parallel' ? inParallel : undefined;
  const job = only ? only(ensureLibrary(size).path).then((stages) => ({ size, bytes: 0, stages })) : profileLoad(size);
  void job.then((profile) => {
    console.log(`${size} entries, ${(profile.bytes / 1e6).toFixed(1)} MB`);
    for (const [stage, value] of Object.entries(profile.stages)) console.log(`  ${stage.padEnd(22)} ${(stage.endsWith('MB') ? `${value.toFixed(0)} MB` : stage.startsWith('workerHostBlocks') ? String(value) : fmtMs(value)).padStart(9)}`);
    console.log(JSON.stringify(profile));
  });
}
