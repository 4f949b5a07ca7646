/**
 * LitNotes performance benchmark (`npm run bench`).
 *
 * For synthetic libraries of 1k, 10k and 100k papers (bench/generate.ts) it
 * measures the core work behind each user-visible goal: BibTeX parse, library
 * assembly, index build (whole and sliced, with the longest event-loop block),
 * saving and reopening the index as the library service does, per-keystroke
 * search latency over scripted typing, retained heap, and the tree's grouping
 * and paging. A naive full scan and a default MiniSearch index run as
 * baselines on the same data. Each size runs in its own Node process (with
 * --expose-gc) so heap figures and peak RSS are per size.
 *
 * Output: a Markdown report on stdout, bench/results.json and BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync, unlinkSync } from 'node:fs';
import { cpus, totalmem, platform, release, arch } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import MiniSearch from 'minisearch';
import type { Paper } from '../src/core/model';
import { buildLibrary } from '../src/core/library/buildLibrary';
import { sortForDisplay } from '../src/core/library/displayOrder';
import { groupPapers, PAGE_SIZE, pageOf } from '../src/core/library/grouping';
import { assembleLibrarySteps } from '../src/core/library/library';
import { decodeLibraryFiles, encodeLibraryFile, libraryFileCount } from '../src/core/library/savedLibrary';
import { MAX_PICK_ITEMS, pickResults } from '../src/core/search/quickPick';
import { SearchIndex } from '../src/core/search/searchIndex';
import { runInSlices, runToEnd } from '../src/core/slices';
import { parseFileSteps } from '../src/core/load/parseFile';
import { loadEmbeddedCorpus } from '../src/core/sources/corpus';
import { DEFAULT_TAXONOMY } from '../src/core/topics/taxonomy';
import { type ActivationResult, measureActivation } from './activation';
import { type EditorResult, measureEditor } from './editor';
import { measureReferences, type ReferencesResult } from './references';
import { measureScaling, type ScalingRow } from './scaling';
import { profileLoad, type LoadProfile } from './loadProfile';
import { dataDir, ensureLibrary, GENERATOR_VERSION, repoRoot } from './generate';
import { writeQualitySection } from './quality';
import { writeTopicsSection } from './topics';
import {
  distribution,
  type Distribution,
  fmtBytes,
  fmtMs,
  fmtRatio,
  forceGc,
  hasGc,
  LoopMonitor,
  maxRss,
  MB,
  now,
  PeakTracker,
  retainedHeap,
  timed,
  timedAsync,
} from './measure';

const DEFAULT_SIZES = [1000, 10000, 100000];
/** The minified browser bundle's budget (as test/package/checkPackage.js checks it; why it is 300 KB is said there). */
const BUNDLE_BUDGET_KB = 250;

/** Typed character by character; every prefix is one keystroke. */
export const QUERIES = [
  'sparse attention',
  'kv cache compression',
  'speculative decoding',
  'lora',
  'quantization',
  'mixture of experts',
  'zeroth order',
  'zhang',
  'hsieh',
  'pruning llm',
  'low-rank adaptation',
  'flash attention',
  'knowledge distillation',
  'long context',
  'memory efficient fine-tuning',
  'token merging',
  '4-bit weights',
  'sparsegpt',
  'expert routing',
  'activation sparsity',
  'quantizaton', // a typo: exercises fuzzy matching
];

// ---------------------------------------------------------------------------
// Result shapes

interface SearchStats {
  min3: Distribution;
  all: Distribution;
}

interface SizeResult {
  size: number;
  papers: number;
  problems: number;
  fileBytes: number;
  readMs: number;
  parseMs: number;
  slicedParse: { totalMs: number; maxBlockMs: number };
  slicedAssemble: { totalMs: number; maxBlockMs: number };
  assembleMs: number;
  buildMs: number;
  sliced: { totalMs: number; maxBlockMs: number; histogramMaxMs: number; blocksOver50ms: number };
  heap: { libraryBytes: number; afterIndexBytes: number; indexBytes: number; peakHeapBytes: number; peakRssBytes: number };
  /** A reload after an edit: every paper made anew (one changed), the index updated from the last, as LibraryService does. */
  update: { ms: number; heapGrowthBytes: number };
  save: { indexBytes: number; payloadBytes: number; toBytesMs: number; encodePapersMs: number; writeMs: number };
  reopen: { readMs: number; parseMs: number; fromBytesMs: number; totalMs: number };
  search: SearchStats;
  /** The first query that looks inside compounds and a later one (each segment's table of words read backwards is built with the index). */
  compounds: { firstLookupMs: number; laterLookupMs: number };
  keystrokes: number;
  maxHits: number;
  naive: { prepMs: number; search: SearchStats };
  minisearch: { buildMs: number; heapBytes: number; indexBytes: number; search: SearchStats };
  tree: { groups: number; largestGroup: number; groupMs: number; expandMs: number; expandMaxMs: number; children: number; sortMs: number; sortLongestBlockMs: number; groupLongestBlockMs: number };
  /** Cite while you write: completion per keystroke, checking a long document, the workspace reference scan. */
  editor: EditorResult;
  /** Correctness checks that failed (each says what differed); any one fails the bench. */
  failures: string[];
}

interface EmbeddedResult {
  papers: number;
  loadMs: number;
  /** Assemble, sort and index, in slices, as a load does. */
  buildMs: number;
  firstSearchMs: number;
  totalMs: number;
  /** The first results' keys, checked against the paper the query names. */
  firstKeys: string[];
  /** Totals of every fresh process run (the figures above are the median run's). */
  runsMs?: number[];
}

/** A cold start is one noisy sample: the median of several fresh processes, keeping every total. */
function medianEmbeddedRun(runs = 5): EmbeddedResult {
  const results = Array.from({ length: runs }, () => runChild<EmbeddedResult>(['embedded'])).sort((a, b) => a.totalMs - b.totalMs);
  return { ...results[Math.floor(runs / 2)], runsMs: results.map((r) => r.totalMs) };
}

// ---------------------------------------------------------------------------
// Helpers

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

function keystrokes(queries: readonly string[]): string[] {
  const out: string[] = [];
  for (const q of queries) for (let i = 1; i <= q.length; i++) out.push(q.slice(0, i));
  return out;
}

/** Times `search` on every keystroke: one warm-up pass, then `passes` measured passes. */
function typeQueries(search: (q: string) => number, passes: number): SearchStats & { maxHits: number } {
  const strokes = keystrokes(QUERIES);
  for (const q of strokes) search(q);
  const all: number[] = [];
  const min3: number[] = [];
  let maxHits = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (const q of strokes) {
      const t0 = now();
      const hits = search(q);
      const ms = now() - t0;
      all.push(ms);
      if (q.trim().length >= 3) min3.push(ms);
      if (hits > maxHits) maxHits = hits;
    }
  }
  return { all: distribution(all), min3: distribution(min3), maxHits };
}

/** The tree's work on a library: display sort and grouping (once per load, in slices), then expanding the largest topic. */
async function treeWork(papers: Paper[], failures: string[]): Promise<SizeResult['tree']> {
  const monitor = new LoopMonitor();
  monitor.start();
  const sorted = await timedAsync(() => runInSlices(sortForDisplay(papers)));
  const loop = monitor.stop();
  const labels = { topicLabels: new Map<string, string>(DEFAULT_TAXONOMY.map((t) => [t.id, t.label])), unknownYear: 'Unknown year', embeddedLibrary: 'Embedded library' };
  const group = () => runInSlices(groupPapers(sorted.value, 'topic', labels));
  await group(); // warm-up
  const groupMonitor = new LoopMonitor();
  groupMonitor.start();
  const grouped = await timedAsync(group);
  const groupLoop = groupMonitor.stop();
  const grouping = grouped.value;
  const inGroups = grouping.reduce((n, g) => n + g.papers.length, 0);
  if (inGroups !== papers.length) failures.push(`tree: ${inGroups} papers in groups, ${papers.length} in the library`);
  const largest = grouping.reduce((a, b) => (b.papers.length > a.papers.length ? b : a));
  // What the tree's getChildren(group) does: one page, plus a "Show more" node when there are more.
  const expand = () => {
    const page = pageOf(largest);
    return page.papers.length + (page.more > 0 ? 1 : 0);
  };
  const times: number[] = [];
  let children = 0;
  for (let i = 0; i < 21; i++) {
    const r = timed(expand);
    if (i > 0) times.push(r.ms);
    children = r.value;
  }
  const d = distribution(times);
  return {
    groups: grouping.length, largestGroup: largest.papers.length, groupMs: grouped.ms, expandMs: d.p50, expandMaxMs: d.max, children,
    sortMs: sorted.ms, sortLongestBlockMs: loop.maxBlockMs, groupLongestBlockMs: groupLoop.maxBlockMs,
  };
}

/** The keys of the first results for a query, for comparing two indexes. */
function topKeys(index: SearchIndex, query: string): string {
  return JSON.stringify(index.search(query).map((h) => h.paper.key));
}

function embeddedCorpusSources() {
  const dir = join(repoRoot(), 'media', 'corpus');
  return {
    text: readFileSync(join(dir, 'efficient-llm-papers.txt'), 'utf8'),
    metadata: readFileSync(join(dir, 'papers-metadata.json'), 'utf8'),
  };
}

// ---------------------------------------------------------------------------
// Child: one library size

async function runSize(size: number, bibPath: string): Promise<SizeResult> {
  const peak = new PeakTracker();
  peak.start();
  const passes = size >= 100000 ? 1 : 3;
  const failures: string[] = [];

  // The file's bytes, parsed as the extension parses them (parseFileSteps: decoded and read a window at a time).
  const read = timed(() => new Uint8Array(readFileSync(bibPath)));
  let bytes: Uint8Array | undefined = read.value;
  const fileBytes = bytes.length;
  log(`${size}: parsing ${fmtBytes(fileBytes)}`);
  const parse = timed(() => runToEnd(parseFileSteps(bytes!, bibPath)));
  peak.sample();
  // The same in time slices, as LibraryService reads a file, with the event loop watched.
  const parseMonitor = new LoopMonitor();
  parseMonitor.start();
  const slicedParse = await timedAsync(() => runInSlices(parseFileSteps(bytes!, bibPath)));
  const parseLoop = parseMonitor.stop();
  if (slicedParse.value.papers.length !== parse.value.papers.length) failures.push(`${size}: the parse in slices read ${slicedParse.value.papers.length} papers, at once ${parse.value.papers.length}`);
  (slicedParse as { value: unknown }).value = undefined;
  bytes = undefined;
  (read as { value: unknown }).value = undefined;
  const corpus = embeddedCorpusSources();
  const embedded = loadEmbeddedCorpus(corpus.text, corpus.metadata);
  log(`${size}: parsed ${parse.value.papers.length} papers in ${fmtMs(parse.ms)}; assembling`);
  const assembled = timed(() => runToEnd(assembleLibrarySteps([parse.value, embedded], DEFAULT_TAXONOMY)));
  const assembleMonitor = new LoopMonitor();
  assembleMonitor.start();
  const slicedAssemble = await timedAsync(() => runInSlices(assembleLibrarySteps([parse.value, embedded], DEFAULT_TAXONOMY)));
  const assembleLoop = assembleMonitor.stop();
  (slicedAssemble as { value: unknown }).value = undefined;
  const { papers, problems } = assembled.value;
  peak.sample();
  (parse as { value: unknown }).value = undefined;

  // The sliced build, with the event loop watched, where the extension runs it: right after assembly
  // (not after the baselines below, whose hundreds of megabytes of garbage would time V8's collector instead).
  log(`${size}: sliced build`);
  const monitor = new LoopMonitor();
  monitor.start();
  const sliced = await timedAsync(() => runInSlices(SearchIndex.build(papers)));
  const loop = monitor.stop();
  peak.sample();
  const slicedIndex = sliced.value;
  (sliced as { value: unknown }).value = undefined;

  const heapLibrary = retainedHeap();
  log(`${size}: building the index over ${papers.length} papers`);
  const build = timed(() => runToEnd(SearchIndex.build(papers)));
  peak.sample();
  const index = build.value;
  const heapAfter = retainedHeap();
  for (const q of ['sparse attention', 'quantizaton']) {
    if (topKeys(slicedIndex, q) !== topKeys(index, q)) failures.push(`${size}: the index built in slices answers "${q}" differently`);
  }
  if (index.size !== papers.length) failures.push(`${size}: the index holds ${index.size} papers, the library ${papers.length}`);

  log(`${size}: updating the index after an edit`);
  const anew = papers.map((p) => ({ ...p }));
  anew[0] = { ...anew[0], title: `${anew[0].title} (edited)` };
  const update = timed(() => runToEnd(index.update(anew)));
  // The old index and papers stay alive (as the library shown does until the new one replaces it); what grew is the update's own.
  const heapGrowth = retainedHeap() - heapAfter;
  if (update.value.size !== papers.length) failures.push(`${size}: the updated index holds ${update.value.size} papers`);
  (update as { value: unknown }).value = undefined;

  // Save and reopen, as LibraryService.save / restore do: papers as JSON lines, the index as binary.
  log(`${size}: saving and reopening`);
  const toBytes = timed(() => index.toBytes());
  const header = { fingerprint: 'bench', problems, notes: [], papers: papers.length, indexBytes: toBytes.value.length };
  // The papers go into files of PAPERS_PER_FILE, each encoded and written in turn (the written ones let go), as the extension saves them.
  const papersPaths = Array.from({ length: libraryFileCount(papers.length) }, (_, n) => join(dataDir(), `saved-${size}-${n}.jsonl`));
  const indexPath = join(dataDir(), `saved-${size}.bin`);
  let encodeMs = 0;
  let writeMs = 0;
  let papersBytes = 0;
  for (const [n, path] of papersPaths.entries()) {
    const encoded = timed(() => runToEnd(encodeLibraryFile(header, papers, n)));
    peak.sample();
    writeMs += timed(() => writeFileSync(path, encoded.value)).ms;
    encodeMs += encoded.ms;
    papersBytes += encoded.value.length;
  }
  const encode = { ms: encodeMs };
  const write = { ms: writeMs + timed(() => writeFileSync(indexPath, toBytes.value)).ms };
  const indexBytes = toBytes.value.length;
  const payloadBytes = papersBytes + indexBytes;
  (toBytes as { value: unknown }).value = undefined;
  forceGc();
  const reRead = timed(() => ({ papers: papersPaths.map((path) => new Uint8Array(readFileSync(path))), index: new Uint8Array(readFileSync(indexPath)) }));
  const reParse = timed(() => runToEnd(decodeLibraryFiles(reRead.value.papers[0], reRead.value.papers.slice(1))));
  const fromBytes = timed(() => runToEnd(SearchIndex.restore(reRead.value.index, reParse.value.papers)));
  peak.sample();
  if (topKeys(fromBytes.value, 'sparse attention') !== topKeys(index, 'sparse attention')) failures.push(`${size}: the reopened index answers "sparse attention" differently`);
  (reRead as { value: unknown }).value = undefined;
  (reParse as { value: unknown }).value = undefined;
  (fromBytes as { value: unknown }).value = undefined;
  for (const path of papersPaths) unlinkSync(path);
  unlinkSync(indexPath);
  forceGc();

  log(`${size}: compound tables`);
  const firstLookup = timed(() => index.search('tuning'));
  const laterLookup = timed(() => index.search('tuning'));
  const compounds = { firstLookupMs: firstLookup.ms, laterLookupMs: laterLookup.ms };

  log(`${size}: typing ${QUERIES.length} queries (${keystrokes(QUERIES).length} keystrokes × ${passes})`);
  const ours = typeQueries((q) => pickResults(index, q).length, passes);

  log(`${size}: tree`);
  const tree = await treeWork(papers, failures);

  log(`${size}: editor features`);
  const editor = await measureEditor(papers, index, (line) => log(`${size}: ${line}`));
  if (editor.check2000.citations < 2000) failures.push(`${size}: the 2,000-citation document scanned as ${editor.check2000.citations} citations`);

  // The baselines come last: their garbage (hundreds of megabytes) must not land in LitNotes' own timings.
  // Baseline (a): naive full scan, lowercase title + abstract prepared once.
  const prep = timed(() => papers.map((p) => `${p.title}\n${p.abstract ?? ''}`.toLowerCase()));
  const hay = prep.value;
  const naive = typeQueries((q) => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return 0;
    const hits: number[] = [];
    for (let i = 0; i < hay.length; i++) {
      const h = hay[i];
      let ok = true;
      for (const w of words) {
        if (!h.includes(w)) {
          ok = false;
          break;
        }
      }
      if (ok) hits.push(i);
    }
    return Math.min(hits.length, MAX_PICK_ITEMS);
  }, passes);
  (prep as { value: unknown }).value = undefined;

  // Baseline (b): MiniSearch with default options over title and abstract.
  log(`${size}: MiniSearch baseline`);
  const docs = papers.map((p) => ({ id: p.key, title: p.title, abstract: p.abstract ?? '' }));
  const heapBeforeMs = retainedHeap();
  const msBuild = timed(() => {
    const ms = new MiniSearch({ fields: ['title', 'abstract'], storeFields: [] });
    ms.addAll(docs);
    return ms;
  });
  const mini = msBuild.value;
  const heapAfterMs = retainedHeap();
  const msIndexBytes = Buffer.byteLength(JSON.stringify(mini));
  const miniStats = typeQueries((q) => mini.search(q).slice(0, MAX_PICK_ITEMS).length, passes);
  (msBuild as { value: unknown }).value = undefined;
  forceGc();

  peak.stop();
  const result: SizeResult = {
    size,
    papers: papers.length,
    problems: problems.length,
    fileBytes,
    readMs: read.ms,
    parseMs: parse.ms,
    slicedParse: { totalMs: slicedParse.ms, maxBlockMs: parseLoop.maxBlockMs },
    slicedAssemble: { totalMs: slicedAssemble.ms, maxBlockMs: assembleLoop.maxBlockMs },
    assembleMs: assembled.ms,
    buildMs: build.ms,
    sliced: { totalMs: sliced.ms, ...loop },
    heap: {
      libraryBytes: heapLibrary,
      afterIndexBytes: heapAfter,
      indexBytes: heapAfter - heapLibrary,
      peakHeapBytes: peak.heapUsed,
      peakRssBytes: Math.max(peak.rss, maxRss()),
    },
    save: { indexBytes, payloadBytes, toBytesMs: toBytes.ms, encodePapersMs: encode.ms, writeMs: write.ms },
    update: { ms: update.ms, heapGrowthBytes: heapGrowth },
    reopen: { readMs: reRead.ms, parseMs: reParse.ms, fromBytesMs: fromBytes.ms, totalMs: reRead.ms + reParse.ms + fromBytes.ms },
    search: { min3: ours.min3, all: ours.all },
    compounds,
    keystrokes: ours.all.n,
    maxHits: ours.maxHits,
    naive: { prepMs: prep.ms, search: { min3: naive.min3, all: naive.all } },
    minisearch: { buildMs: msBuild.ms, heapBytes: heapAfterMs - heapBeforeMs, indexBytes: msIndexBytes, search: { min3: miniStats.min3, all: miniStats.all } },
    tree,
    editor,
    failures,
  };
  // Keep the index alive until here, so the heap figures above included it.
  if (index.size === 0) log('empty index');
  return result;
}

/**
 * Command to first results for the embedded library, in a fresh process: the
 * extension's load path (read, parse, then assemble, sort and index in time
 * slices with buildLibrary) and the quick pick's first search.
 */
async function runEmbedded(): Promise<EmbeddedResult> {
  const t0 = now();
  const load = timed(() => {
    const { text, metadata } = embeddedCorpusSources();
    return loadEmbeddedCorpus(text, metadata);
  });
  const built = await timedAsync(() => runInSlices(buildLibrary([load.value], DEFAULT_TAXONOMY, SearchIndex.empty())));
  const first = timed(() => pickResults(built.value.index, 'sparse attention'));
  return {
    papers: built.value.papers.length, loadMs: load.ms, buildMs: built.ms, firstSearchMs: first.ms, totalMs: now() - t0,
    firstKeys: first.value.slice(0, 3).map((r) => r.paper.key),
  };
}

// ---------------------------------------------------------------------------
// Parent: orchestration and report

function runChild<T>(args: string[]): T {
  const out = join(dataDir(), `result-${args[0]}.json`);
  if (existsSync(out)) unlinkSync(out);
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', __filename, '--child', ...args, out], { stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(out)) throw new Error(`benchmark child ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  const value = JSON.parse(readFileSync(out, 'utf8')) as T;
  unlinkSync(out);
  return value;
}

interface Bundle {
  path: string;
  bytes?: number;
  gzipBytes?: number;
  minified?: boolean;
}

function bundle(rel: string): Bundle {
  const path = join(repoRoot(), rel);
  if (!existsSync(path)) return { path: rel };
  const buf = readFileSync(path);
  const text = buf.toString('utf8');
  const lines = text.split('\n').length;
  // esbuild --minify writes a few very long lines; a development build is thousands of short ones.
  const minified = text.length / Math.max(1, lines) > 300;
  return { path: rel, bytes: statSync(path).size, gzipBytes: gzipSync(buf).length, minified };
}

interface Goal {
  what: string;
  goal: string;
  measured: string;
  status: 'met' | 'missed' | 'not measured here';
  note: string;
}

/** Why a build slice can still exceed 50 ms, and what would close it (measured with node --trace-gc). */
const BLOCK_MISS_WHY = 'The slices themselves do at most ~15 ms of work; what runs longer is a V8 full garbage collection (mark-compact, 40–80 ms under --trace-gc) over the ~300 MB of paper objects, set off by the build\'s large typed-array allocations. What would close it: building the index in a worker (its own heap, so its collections never stop the extension host), or reusing the build buffers across segments.';

const over = (value: number, limit: number, fmt: (n: number) => string): string =>
  value <= limit ? '' : `${fmt(value - limit)} over (${fmtRatio(value / limit)} the goal)`;

function goals(sizes: SizeResult[], embedded: EmbeddedResult, web: Bundle, activation: ActivationResult, scaling: ScalingRow[], references: ReferencesResult): Goal[] {
  const at = (n: number) => sizes.find((s) => s.size === n);
  const list: Goal[] = [];
  {
    const r = references;
    const ok = r.text.p95 <= 300 && r.correct;
    list.push({
      what: `render ${r.references} references in APA`,
      goal: '≤ 300 ms',
      measured: `p50 ${fmtMs(r.text.p50)} / p95 ${fmtMs(r.text.p95)} (Markdown: p95 ${fmtMs(r.markdown.p95)}); the first of a session ${fmtMs(r.firstRenderMs)}`,
      status: ok ? 'met' : 'missed',
      note: `The lazily loaded CSL bundle (citeproc-js; loading it: ${fmtMs(r.bundleLoadMs)}) with the APA engine built; the first render also parses the style and warms citeproc up.${r.correct ? '' : ' Output check failed.'}${ok ? '' : ` ${over(r.text.p95, 300, fmtMs)}`}`,
    });
  }
  {
    const fileCalls = Object.keys(activation.apiCalls).filter((c) => /\.fs\.|findFiles|openTextDocument/.test(c));
    const worst = Math.max(activation.firstActivateMs, activation.activate.p95);
    const ok = worst <= 50 && !activation.libraryLoaded && fileCalls.length === 0;
    list.push({
      what: 'activate()',
      goal: '≤ 50 ms, and no index work inside it',
      measured: `first ${fmtMs(activation.firstActivateMs)}, then p50 ${fmtMs(activation.activate.p50)} / p95 ${fmtMs(activation.activate.p95)}; library loaded: ${activation.libraryLoaded ? 'yes' : 'no'}; file reads: ${fileCalls.length}`,
      status: ok ? 'met' : 'missed',
      note: `Production Node bundle with VS Code's API stubbed, so this is LitNotes' own work (loading the bundle itself: ${fmtMs(activation.moduleLoadMs)}).${ok ? '' : ` ${over(worst, 50, fmtMs)}`}`,
    });
  }
  if (web.bytes === undefined) {
    list.push({ what: 'browser bundle, minified', goal: `≤ ${BUNDLE_BUDGET_KB} KB`, measured: 'not built', status: 'not measured here', note: 'dist/web/extension.js is missing; run `npm run build` first.' });
  } else if (!web.minified) {
    list.push({ what: 'browser bundle, minified', goal: `≤ ${BUNDLE_BUDGET_KB} KB`, measured: `${fmtBytes(web.bytes)} (not minified)`, status: 'not measured here', note: `dist/web/extension.js is a development build (${fmtBytes(web.gzipBytes!)} gzipped); run \`npm run build\` for the production size.` });
  } else {
    const ok = web.bytes <= BUNDLE_BUDGET_KB * 1024;
    list.push({ what: 'browser bundle, minified', goal: `≤ ${BUNDLE_BUDGET_KB} KB`, measured: fmtBytes(web.bytes), status: ok ? 'met' : 'missed', note: ok ? '' : over(web.bytes, BUNDLE_BUDGET_KB * 1024, fmtBytes) });
  }
  list.push({
    what: 'embedded library: command to first results',
    goal: '≤ 100 ms',
    measured: fmtMs(embedded.totalMs),
    status: embedded.totalMs <= 100 ? 'met' : 'missed',
    note: `Core work in a fresh process (read + parse + assemble + index + first search), without the host's file reads and UI; median of ${embedded.runsMs?.length ?? 1} fresh processes (all: ${(embedded.runsMs ?? [embedded.totalMs]).map(fmtMs).join(', ')}). ${over(embedded.totalMs, 100, fmtMs)}`.trim(),
  });
  const p95Goals: Array<[number, number]> = [[1000, 2], [10000, 8], [100000, 16]];
  for (const [n, limit] of p95Goals) {
    const s = at(n);
    if (!s) continue;
    const v = s.search.min3.p95;
    list.push({ what: `search per keystroke, p95, 3+ chars, ${n / 1000}k`, goal: `≤ ${limit} ms`, measured: fmtMs(v), status: v <= limit ? 'met' : 'missed', note: over(v, limit, fmtMs) });
  }
  const big = at(100000);
  if (big) {
    const v = big.search.all.p99;
    list.push({ what: 'search per keystroke, p99, any query, 100k', goal: '≤ 50 ms', measured: fmtMs(v), status: v <= 50 ? 'met' : 'missed', note: over(v, 50, fmtMs) });
    list.push({ what: 'index build, 100k', goal: '≤ 15 s', measured: `${fmtMs(big.buildMs)} (sliced: ${fmtMs(big.sliced.totalMs)})`, status: Math.max(big.buildMs, big.sliced.totalMs) <= 15000 ? 'met' : 'missed', note: over(Math.max(big.buildMs, big.sliced.totalMs), 15000, fmtMs) });
  }
  const worstBlock = sizes.reduce((a, s) => Math.max(a, s.sliced.maxBlockMs), 0);
  const worstAt = sizes.find((s) => s.sliced.maxBlockMs === worstBlock);
  list.push({
    what: 'index build never blocks more than',
    goal: '50 ms at a time',
    measured: `${fmtMs(worstBlock)} longest block${worstAt ? ` (${worstAt.size / 1000}k)` : ''}`,
    status: worstBlock <= 50 ? 'met' : 'missed',
    note: worstBlock <= 50 ? '' : `${over(worstBlock, 50, fmtMs)}; ${sizes.map((s) => `${s.size / 1000}k: ${s.sliced.blocksOver50ms} blocks > 50 ms`).join(', ')}. ${BLOCK_MISS_WHY}`,
  });
  const reopenGoals: Array<[number, number]> = [[10000, 1000], [100000, 3000]];
  for (const [n, limit] of reopenGoals) {
    const s = at(n);
    if (!s) continue;
    const v = s.reopen.totalMs;
    list.push({ what: `reopening an unchanged library, ${n / 1000}k`, goal: `≤ ${limit / 1000} s`, measured: fmtMs(v), status: v <= limit ? 'met' : 'missed', note: over(v, limit, fmtMs) });
  }
  if (big) {
    const v = big.heap.afterIndexBytes;
    list.push({ what: 'heap retained after indexing 100k', goal: '≤ 400 MB', measured: `${fmtBytes(v)} (index alone ${fmtBytes(big.heap.indexBytes)})`, status: v <= 400 * MB ? 'met' : 'missed', note: over(v, 400 * MB, fmtBytes) });
  }
  // Sorting and grouping are steps of each (re)load, run in slices; expanding a node then only slices a page.
  const worstLoadBlock = sizes.reduce((a, s) => Math.max(a, s.tree.groupLongestBlockMs, s.tree.sortLongestBlockMs), 0);
  const worstExpand = sizes.reduce((a, s) => Math.max(a, s.tree.expandMaxMs), 0);
  const worstChildren = sizes.reduce((a, s) => Math.max(a, s.tree.children), 0);
  const treeOk = worstExpand <= 10 && worstChildren <= PAGE_SIZE + 1 && worstLoadBlock <= 50;
  list.push({
    what: 'tree',
    goal: '≤ 10 ms per expand; ≤ ~500 children per node',
    measured: `expand ${fmtMs(worstExpand)} at most, ${worstChildren} children at most`,
    status: treeOk ? 'met' : 'missed',
    note: `Sorting and grouping happen once per (re)load, in slices (longest block ${fmtMs(worstLoadBlock)}): at 100k ${sizes.filter((s) => s.size >= 100000).map((s) => `sort ${fmtMs(s.tree.sortMs)}, group ${fmtMs(s.tree.groupMs)}`).join('') || 'n/a'}.${treeOk ? '' : ` ${over(Math.max(worstExpand, worstLoadBlock), 10, fmtMs)}`}`,
  });
  if (big) {
    const e = big.editor;
    list.push({ what: 'completion request, p95, 100k', goal: '≤ 20 ms', measured: fmtMs(e.completion.p95), status: e.completion.p95 <= 20 ? 'met' : 'missed', note: over(e.completion.p95, 20, fmtMs) });
    list.push({ what: `checking a document with ${e.check2000.citations} citations, p95, 100k`, goal: '≤ 50 ms', measured: fmtMs(e.check2000.p95), status: e.check2000.p95 <= 50 ? 'met' : 'missed', note: over(e.check2000.p95, 50, fmtMs) });
    list.push({ what: `workspace reference scan, ${e.workspaceScan.documents} documents`, goal: 'never blocks more than 50 ms', measured: `${fmtMs(e.workspaceScan.maxBlockMs)} longest block (${fmtMs(e.workspaceScan.totalMs)} in all)`, status: e.workspaceScan.maxBlockMs <= 50 ? 'met' : 'missed', note: over(e.workspaceScan.maxBlockMs, 50, fmtMs) });
  }
  const worstScaling = scaling.reduce((a, r) => (r.ratio > a.ratio ? r : a));
  list.push({
    what: 'parsing grows linearly with the input (4× the entries, hostile inputs included)',
    goal: '≤ 8× the time',
    measured: `${fmtRatio(worstScaling.ratio)} at most (${worstScaling.name})`,
    status: worstScaling.ratio <= 8 ? 'met' : 'missed',
    note: 'A quadratic parser would take about 16×.',
  });
  const maxHits = sizes.reduce((a, s) => Math.max(a, s.maxHits), 0);
  list.push({ what: 'quick pick', goal: '≤ ~50 items', measured: `${maxHits} items at most`, status: maxHits <= 50 ? 'met' : 'missed', note: '' });
  return list;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function report(results: { machine: Record<string, unknown>; sizes: SizeResult[]; embedded: EmbeddedResult; activation: ActivationResult; scaling: ScalingRow[]; loads: LoadProfile[]; bundles: Bundle[]; goals: Goal[]; failures: string[]; totalMs: number; generation: Record<string, number | undefined> }): string {
  const { sizes } = results;
  const col = (f: (s: SizeResult) => string) => sizes.map(f);
  const head = ['', ...sizes.map((s) => `${s.size / 1000}k papers`)];
  const main = table(head, [
    ['BibTeX file', ...col((s) => fmtBytes(s.fileBytes))],
    ['parse (parseFileSteps run to the end, from the file\'s bytes)', ...col((s) => fmtMs(s.parseMs))],
    ['  the same in slices, as the extension reads a file (longest block)', ...col((s) => `${fmtMs(s.slicedParse.totalMs)} (${fmtMs(s.slicedParse.maxBlockMs)})`)],
    ['assemble (merge, keys, topics)', ...col((s) => fmtMs(s.assembleMs))],
    ['  the same in slices (longest block)', ...col((s) => `${fmtMs(s.slicedAssemble.totalMs)} (${fmtMs(s.slicedAssemble.maxBlockMs)})`)],
    ['index build (SearchIndex.build run to the end)', ...col((s) => fmtMs(s.buildMs))],
    ['index build in time slices (as a load runs it)', ...col((s) => fmtMs(s.sliced.totalMs))],
    ['  longest event-loop block during it', ...col((s) => `${fmtMs(s.sliced.maxBlockMs)} (${s.sliced.blocksOver50ms} > 50 ms)`)],
    ['saved (index / index + papers)', ...col((s) => `${fmtBytes(s.save.indexBytes)} / ${fmtBytes(s.save.payloadBytes)}`)],
    ['save (index toBytes + papers to JSON lines + write)', ...col((s) => `${fmtMs(s.save.toBytesMs)} + ${fmtMs(s.save.encodePapersMs)} + ${fmtMs(s.save.writeMs)}`)],
    ['reopen (read + papers from their saved lines + SearchIndex.restore)', ...col((s) => `${fmtMs(s.reopen.totalMs)} (${fmtMs(s.reopen.readMs)} + ${fmtMs(s.reopen.parseMs)} + ${fmtMs(s.reopen.fromBytesMs)})`)],
    ['search/keystroke, 3+ chars: p50 / p95 / p99', ...col((s) => `${fmtMs(s.search.min3.p50)} / ${fmtMs(s.search.min3.p95)} / ${fmtMs(s.search.min3.p99)}`)],
    ['search/keystroke, all prefixes: p50 / p95 / p99', ...col((s) => `${fmtMs(s.search.all.p50)} / ${fmtMs(s.search.all.p95)} / ${fmtMs(s.search.all.p99)}`)],
    ['memory after indexing (forced GC; JS heap + typed arrays): total / index', ...col((s) => `${fmtBytes(s.heap.afterIndexBytes)} / ${fmtBytes(s.heap.indexBytes)}`)],
    ['compound lookup ("tuning" inside "finetuning"): first query / a later one (the tables are built with the index)', ...col((s) => `${fmtMs(s.compounds.firstLookupMs)} / ${fmtMs(s.compounds.laterLookupMs)}`)],
    ['peak memory (sampled; JS heap + typed arrays) / peak RSS', ...col((s) => `${fmtBytes(s.heap.peakHeapBytes)} / ${fmtBytes(s.heap.peakRssBytes)}`)],
    ['index update after an edit (every paper made anew, one changed): time / heap it added', ...col((s) => `${fmtMs(s.update.ms)} / ${fmtBytes(s.update.heapGrowthBytes)}`)],
    ['tree: display order, sorted once per load in slices (longest block)', ...col((s) => `${fmtMs(s.tree.sortMs)} (${fmtMs(s.tree.sortLongestBlockMs)})`)],
    ['tree: group by topic, in slices, once per load (longest block)', ...col((s) => `${fmtMs(s.tree.groupMs)} (${fmtMs(s.tree.groupLongestBlockMs)}; ${s.tree.groups} topics)`)],
    ['tree: expand largest topic', ...col((s) => `${fmtMs(s.tree.expandMs)} (${s.tree.children} of ${s.tree.largestGroup} shown)`)],
    ['quick pick: most items returned', ...col((s) => String(s.maxHits))],
    ['completion per keystroke after [@ (spot + suggestions): p50 / p95', ...col((s) => `${fmtMs(s.editor.completion.p50)} / ${fmtMs(s.editor.completion.p95)}`)],
    ['checking a 2,000-citation document (scan + lookups): p50 / p95', ...col((s) => `${fmtMs(s.editor.check2000.p50)} / ${fmtMs(s.editor.check2000.p95)}`)],
    ['workspace reference scan, 1,000 documents, in slices (longest block)', ...col((s) => `${fmtMs(s.editor.workspaceScan.totalMs)} (${fmtMs(s.editor.workspaceScan.maxBlockMs)})`)],
  ]);
  const base = table(head, [
    ['naive scan p50 / p95 / p99 (3+ chars)', ...col((s) => `${fmtMs(s.naive.search.min3.p50)} / ${fmtMs(s.naive.search.min3.p95)} / ${fmtMs(s.naive.search.min3.p99)}`)],
    ['naive scan p50 / p95 / p99 (all)', ...col((s) => `${fmtMs(s.naive.search.all.p50)} / ${fmtMs(s.naive.search.all.p95)} / ${fmtMs(s.naive.search.all.p99)}`)],
    ['LitNotes ÷ naive, p95 (3+ chars)', ...col((s) => fmtRatio(s.search.min3.p95 / s.naive.search.min3.p95))],
    ['MiniSearch default: build', ...col((s) => fmtMs(s.minisearch.buildMs))],
    ['MiniSearch default: p50 / p95 / p99 (3+ chars)', ...col((s) => `${fmtMs(s.minisearch.search.min3.p50)} / ${fmtMs(s.minisearch.search.min3.p95)} / ${fmtMs(s.minisearch.search.min3.p99)}`)],
    ['MiniSearch default: heap / saved size', ...col((s) => `${fmtBytes(s.minisearch.heapBytes)} / ${fmtBytes(s.minisearch.indexBytes)}`)],
    ['LitNotes ÷ MiniSearch default: build', ...col((s) => fmtRatio(s.buildMs / s.minisearch.buildMs))],
    ['LitNotes ÷ MiniSearch default: p95 (3+ chars)', ...col((s) => fmtRatio(s.search.min3.p95 / s.minisearch.search.min3.p95))],
    ['LitNotes ÷ MiniSearch default: p99 (all)', ...col((s) => fmtRatio(s.search.all.p99 / s.minisearch.search.all.p99))],
    ['LitNotes ÷ MiniSearch default: index heap / saved size', ...col((s) => `${fmtRatio(s.heap.indexBytes / s.minisearch.heapBytes)} / ${fmtRatio(s.save.indexBytes / s.minisearch.indexBytes)}`)],
  ]);
  const e = results.embedded;
  const embeddedTable = table(['step', 'time'], [
    ['read + parse corpus + metadata', fmtMs(e.loadMs)],
    ['assemble, sort and index in time slices (buildLibrary, as a load does)', fmtMs(e.buildMs)],
    ['first search (the quick pick\'s pickResults)', fmtMs(e.firstSearchMs)],
    [`total (${e.papers} papers)`, fmtMs(e.totalMs)],
  ]);
  const a = results.activation;
  const topCalls = Object.entries(a.apiCalls).sort((x, y) => y[1] - x[1]).map(([name, n]) => `${name.replace(/^vscode\./, '')} ×${n}`).join(', ');
  const activationTable = table(['what', 'time'], [
    ['load the Node bundle (require)', fmtMs(a.moduleLoadMs)],
    ['first activate()', fmtMs(a.firstActivateMs)],
    [`activate() again, ${a.activate.n} runs: p50 / p95 / max`, `${fmtMs(a.activate.p50)} / ${fmtMs(a.activate.p95)} / ${fmtMs(a.activate.max)}`],
    ['library loaded by activate()', a.libraryLoaded ? 'yes' : 'no'],
  ]);
  const scalingTable = table(['input', 'n', 'n entries', '4n entries', 'ratio'], results.scaling.map((r) => [r.name, String(r.n), fmtMs(r.smallMs), fmtMs(r.largeMs), fmtRatio(r.ratio)]));
  const loadTable = loadStagesTable(results.loads);
  const bundles = table(['bundle', 'size', 'gzipped', 'minified'], results.bundles.map((b) =>
    b.bytes === undefined ? [b.path, 'not built', '', ''] : [b.path, fmtBytes(b.bytes), fmtBytes(b.gzipBytes!), b.minified ? 'yes' : 'no (development build)']));
  const goalTable = table(['what', 'goal', 'measured', 'status', 'note'], results.goals.map((g) => [g.what, g.goal, g.measured, g.status === 'met' ? '✅ met' : g.status === 'missed' ? '❌ missed' : '— ' + g.status, g.note]));
  const m = results.machine;
  return [
    '# LitNotes benchmarks',
    '',
    `Generated by \`npm run bench\` (bench/run.ts) on ${m.date}: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGB} GB RAM, Node ${m.node}, ${m.platform}. Whole run: ${fmtMs(results.totalMs)}.`,
    '',
    `Libraries are synthetic (bench/generate.ts, generator v${GENERATOR_VERSION}, seeded): abstracts recombined from the embedded corpus's sentences at corpus-like lengths, authors recombined from its metadata, years 2015–2025. The embedded corpus (75 papers) is assembled in too, as the extension does by default. Search latency is \`SearchIndex.search(prefix, {limit: 50})\` for every prefix while typing ${QUERIES.length} queries (${keystrokes(QUERIES).length} keystrokes per pass, after a warm-up pass): ${QUERIES.map((q) => `"${q}"`).join(', ')}. Each size runs in its own process with \`--expose-gc\`; the sliced index build runs right after assembly, as in the extension, and the baselines run after all of LitNotes' own measurements.`,
    '',
    'Correctness on real-world BibTeX (entries kept, merged and reported per fixture file, and title fidelity against an independent parser) is in [FIXTURES.md](FIXTURES.md), generated by `npm run fixtures:report`.',
    '',
    '## Results',
    '',
    main,
    '',
    '## Baselines (same run, same data)',
    '',
    'Naive scan: lowercase `includes` of every query word over title + abstract (lowercased once up front). MiniSearch default: `new MiniSearch({fields: [\'title\', \'abstract\'], storeFields: []})`, `search(q)` with default options (OR, no prefix, no fuzzy). Ratios above 1× mean LitNotes is slower / larger.',
    '',
    base,
    '',
    '## Embedded library: command to first results (core work, fresh process; the median of several)',
    '',
    embeddedTable,
    '',
    '## Activation',
    '',
    'The production Node bundle (`dist/node/extension.js`) loaded in a fresh process, with every VS Code API call answered by a do-nothing stand-in: the time is LitNotes\' own work at activation. The API calls one activation made: ' + topCalls + '.',
    '',
    activationTable,
    '',
    '## Parsing: time for n and 4n entries',
    '',
    'Each parser on generated input of n and 4n entries (the faster of two runs after a warm-up). Linear growth is about 4×.',
    '',
    scalingTable,
    '',
    '## A cold BibTeX load, stage by stage',
    '',
    'bench/loadProfile.ts on the same synthetic libraries (each stage the best of three runs below 100k entries): the careful path (citation-js\'s field grammar reads every value) against the fast path (bibFastValues.ts reads plain values and leaves the rest to citation-js; the same papers, see test/unit/bibFastPath.test.ts), what handing a parse result from a worker to the host thread costs, and the parse in the Node parse worker with the host\'s event loop watched.',
    '',
    loadTable,
    '',
    '## Bundles',
    '',
    bundles,
    '',
    '## Goals',
    '',
    'A goal is met only when its measured value is within it; every figure above comes from this run.',
    '',
    goalTable,
    '',
    '## Correctness checks',
    '',
    'The bench checks that what it timed gave the right answer (the index built in slices and the reopened index answer like the one built at once; every paper is in one tree group; the embedded library loads all its papers and finds results). It exits with an error when one fails.',
    '',
    results.failures.length ? results.failures.map((f) => `- ❌ ${f}`).join('\n') : '- ✅ all passed',
    '',
  ].join('\n');
}

/** Sizes above this get no per-stage load profile in the bench (it parses the file four times more). */
const LOAD_PROFILE_MAX = 10000;

const LOAD_STAGES: Array<[string, string]> = [
  ['read', 'read the file (readFileSync, UTF-8)'],
  ['scan', 'scan into blocks (bibScanner.ts)'],
  ['grammar', 'citation-js file grammar, 500 blocks a call'],
  ['latexToUnicode', 'LaTeX to Unicode on printed fields'],
  ['cslCareful', 'CSL mapping, careful path (citation-js reads every value)'],
  ['cslFast', 'CSL mapping, fast path (bibFastValues.ts)'],
  ['toPapersCareful', 'step 4 (toPapers), careful path'],
  ['toPapersFast', 'step 4 (toPapers), fast path'],
  ['parseCareful', 'whole parse (parseBibtexSteps), careful path'],
  ['parseFast', 'whole parse (parseBibtexSteps), fast path (the default)'],
  ['parseBytes', 'whole parse from the file\'s bytes, a 1 MB window at a time (parseFileSteps, as the extension reads a file)'],
  ['assemble', 'assemble (merge, keys, topics)'],
  ['sort', 'sort into display order'],
  ['index', 'index build (SearchIndex.build)'],
  ['coldCareful', 'cold load on one thread, careful path (read + parse + assemble + sort + index)'],
  ['coldFast', 'cold load on one thread, fast path'],
  ['receiveClone', 'host thread: receive the parse as one structured clone'],
  ['receiveJson', 'host thread: receive the parse as one JSON text'],
  ['receiveChunks', 'host thread: receive the parse as JSON chunks (what the worker sends), all chunks'],
  ['receiveLongestChunk', 'host thread: the longest single chunk'],
  ['workerWall', 'parse in the Node parse worker: bytes posted to last chunk decoded'],
  ['workerHostBusy', 'host thread busy during the worker parse (event loop utilization, active time)'],
  ['workerHostMaxBlock', 'host event loop during the worker parse: longest block'],
  ['buildWorkerWall', 'assemble + sort + index in the worker, index restored here: wall'],
  ['buildWorkerRestore', '… of which restoring the index from its bytes (in slices)'],
  ['buildWorkerHostBusy', 'host thread busy during that build (event loop utilization, active time)'],
  ['buildWorkerHostMaxBlock', 'host event loop during that build: longest block'],
];

function loadStagesTable(loads: LoadProfile[]): string {
  if (loads.length === 0) return '_Not measured in this run._';
  return table(['stage', ...loads.map((l) => `${l.size.toLocaleString('en-US')} entries (${fmtBytes(l.bytes)})`)], LOAD_STAGES.map(([key, what]) => [what, ...loads.map((l) => fmtMs(l.stages[key]))]));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const out = args[args.length - 1];
    const result = args[1] === 'embedded' ? await runEmbedded() : args[1] === 'activation' ? measureActivation() : args[1] === 'scaling' ? measureScaling()
      : args[1] === 'references' ? measureReferences() : args[1] === 'load' ? await profileLoad(Number(args[2])) : await runSize(Number(args[1]), args[2]);
    writeFileSync(out, JSON.stringify(result));
    return;
  }
  if (!hasGc()) {
    // Heap figures need a forced GC: run again with --expose-gc.
    const r = spawnSync(process.execPath, ['--expose-gc', __filename, ...args], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }

  const started = now();
  const sizes = (process.env.BENCH_SIZES ?? '').split(',').map(Number).filter((n) => n > 0);
  const list = sizes.length ? sizes : DEFAULT_SIZES;
  const generation: Record<string, number | undefined> = {};
  const results: SizeResult[] = [];
  const embedded = medianEmbeddedRun();
  const activation = runChild<ActivationResult>(['activation']);
  const scaling = runChild<ScalingRow[]>(['scaling']);
  const references = runChild<ReferencesResult>(['references']);
  const loads = list.filter((size) => size <= LOAD_PROFILE_MAX).map((size) => runChild<LoadProfile>(['load', String(size)]));
  for (const size of list) {
    const lib = ensureLibrary(size, log);
    generation[size] = lib.generatedMs;
    const t0 = now();
    results.push(runChild<SizeResult>([String(size), lib.path]));
    log(`${size}: done in ${fmtMs(now() - t0)}`);
  }
  const bundles = [bundle('dist/web/extension.js'), bundle('dist/node/extension.js'), bundle('dist/web/csl.js'), bundle('dist/node/csl.js')];
  const goalList = goals(results, embedded, bundles[0], activation, scaling, references);
  const failures = [...results.flatMap((r) => r.failures)];
  if (!references.correct) failures.push(`references: ${references.references} APA references did not come out one per paper, in author order`);
  if (embedded.papers !== 75) failures.push(`embedded: ${embedded.papers} papers loaded, 75 expected`);
  if (embedded.firstKeys.length === 0) failures.push('embedded: "sparse attention" found nothing');
  const cpu = cpus();
  const machine = {
    date: new Date().toISOString(),
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${release()} ${arch()}`,
  };
  const totalMs = now() - started;
  const all = { machine, generatorVersion: GENERATOR_VERSION, queries: QUERIES, generationMs: generation, embedded, activation, scaling, references, loads, sizes: results, bundles, goals: goalList, failures, totalMs };
  const md = report({ machine, sizes: results, embedded, activation, scaling, loads, bundles, goals: goalList, failures, totalMs, generation });
  writeFileSync(join(repoRoot(), 'bench', 'results.json'), `${JSON.stringify(all, null, 2)}\n`);
  // Everything from the real-host section on (bench:host's table, the notes written under it, the
  // quality and topics sections rewritten just below) is kept as it was; this run owns what comes before.
  const benchmarks = join(repoRoot(), 'BENCHMARKS.md');
  const current = existsSync(benchmarks) ? readFileSync(benchmarks, 'utf8') : '';
  const hostAt = current.indexOf('<!-- host:start -->');
  writeFileSync(benchmarks, hostAt >= 0 ? `${md.trimEnd()}\n\n${current.slice(hostAt).trimEnd()}\n` : md);
  writeQualitySection();
  writeTopicsSection();
  process.stdout.write(`${md}\n`);
  if (failures.length) {
    log(`${failures.length} correctness check(s) failed:\n${failures.join('\n')}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
