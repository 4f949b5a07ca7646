/**
 * Editor-feature benchmark: the core work behind cite-while-you-write.
 *
 * - completion: one request per keystroke while typing queries after `[@`
 *   at the end of a long Markdown document (finding the spot, then the
 *   search), over the given library;
 * - checking a generated document with 2,000 citations (scan + lookup of
 *   every key), as the diagnostics do after each edit;
 * - the workspace reference scan of 1,000 generated documents in time
 *   slices, with the longest event-loop block.
 *
 * `measureEditor` is called from bench/run.ts with the library it built;
 * `node out/bench/editor.js [size]` runs it alone on a generated library.
 */
import { readFileSync } from 'node:fs';
import { CitationIndex, type CitingDocument } from '../src/core/citations/citationIndex';
import { completionSpot } from '../src/core/citations/completionSpot';
import { suggestPapers } from '../src/core/citations/suggest';
import { scanCitations, unknownKeys } from '../src/core/citations/scan';
import type { CitationSyntax } from '../src/core/citations/types';
import { assembleLibrarySteps } from '../src/core/library/library';
import type { Paper } from '../src/core/model';
import { SearchIndex } from '../src/core/search/searchIndex';
import { runInSlices, runToEnd } from '../src/core/slices';
import { parseBibtexSteps } from '../src/core/sources/bibtex';
import { DEFAULT_TAXONOMY } from '../src/core/topics/taxonomy';
import { ensureLibrary, prng } from './generate';
import { distribution, type Distribution, fmtMs, LoopMonitor, now } from './measure';

/** Typed after `[@`, one request per prefix. */
const COMPLETION_QUERIES = ['slicegpt', 'sparse gpt', 'frantar', 'lora 2021', 'flash attention', 'quantization llm', 'kv cache', 'zhang 2023'];
const CITATIONS_PER_DOCUMENT = 2000;
const WORKSPACE_DOCUMENTS = 1000;

export interface EditorResult {
  papers: number;
  completion: Distribution;
  check2000: Distribution & { citations: number; unknown: number };
  workspaceScan: { documents: number; totalMs: number; maxBlockMs: number; blocksOver50ms: number };
}

/** Prose with citations in all their forms, a tenth of the keys unknown. Generated, never typed. */
export function generateDocument(keys: readonly string[], citations: number, syntax: CitationSyntax, seed = 7): string {
  const random = prng(seed);
  const pick = () => (random() < 0.1 ? `unknown${Math.floor(random() * 1e6)}` : keys[Math.floor(random() * keys.length)]);
  const words = 'the method prunes weights and keeps accuracy while memory drops on long inputs'.split(' ');
  const sentence = () => Array.from({ length: 8 + Math.floor(random() * 10) }, () => words[Math.floor(random() * words.length)]).join(' ');
  const cite = (): string => {
    const n = 1 + Math.floor(random() * 3);
    const group = Array.from({ length: n }, pick);
    if (syntax === 'latex') return `\\citep{${group.join(', ')}}`;
    if (syntax === 'typst') return group.map((k) => `@${k}`).join(' ');
    return random() < 0.2 ? `@${group[0]}` : `[${group.map((k) => `@${k}`).join('; ')}]`;
  };
  const parts: string[] = [];
  let written = 0;
  while (written < citations) {
    const c = cite();
    written += (c.match(syntax === 'latex' ? /,|\{/g : /@/g) ?? []).length;
    parts.push(`${sentence()} ${c}.`);
    if (random() < 0.1) parts.push(syntax === 'pandoc' ? '\n\n```\ncode @not_a_key\n```\n' : '\n\n');
  }
  return parts.join(' ');
}

/** What the completion provider does per keystroke: find where the key is typed, then rank the suggestions. */
function typedCompletion(index: SearchIndex, papers: readonly Paper[], document: string): number[] {
  const samples: number[] = [];
  for (const query of COMPLETION_QUERIES) {
    for (let i = 1; i <= query.length; i++) {
      const text = `${document}\n\nAs shown [@${query.slice(0, i)}`;
      const t0 = now();
      const spot = completionSpot(text, text.length, 'pandoc');
      if (!spot) throw new Error(`no completion spot for "${query.slice(0, i)}"`);
      suggestPapers(index, papers, spot.query);
      samples.push(now() - t0);
    }
  }
  return samples;
}

export async function measureEditor(papers: readonly Paper[], index: SearchIndex, log: (line: string) => void = () => undefined): Promise<EditorResult> {
  const keys = papers.map((p) => p.key);
  const document = generateDocument(keys, CITATIONS_PER_DOCUMENT, 'pandoc');
  typedCompletion(index, papers, document); // warm-up
  const completion = distribution(typedCompletion(index, papers, document));
  log(`completion at ${papers.length} papers: p50 ${fmtMs(completion.p50)}, p95 ${fmtMs(completion.p95)}`);

  const checks: number[] = [];
  let citations = 0;
  let unknown = 0;
  for (let run = 0; run < 21; run++) {
    const t0 = now();
    const found = scanCitations(document, 'pandoc');
    unknown = unknownKeys(found, (key) => !!index.get(key)).length;
    checks.push(now() - t0);
    citations = found.reduce((n, c) => n + c.keys.length, 0);
  }
  const check2000 = { ...distribution(checks.slice(1)), citations, unknown };
  log(`checking ${citations} citations: p50 ${fmtMs(check2000.p50)}, p95 ${fmtMs(check2000.p95)}`);

  const syntaxes: CitationSyntax[] = ['pandoc', 'latex', 'typst'];
  const documents: CitingDocument[] = Array.from({ length: WORKSPACE_DOCUMENTS }, (_, i) => {
    const syntax = syntaxes[i % 3];
    return { id: `doc${i}`, syntax, text: generateDocument(keys, 20 + (i % 7) * 30, syntax, i + 1) };
  });
  const monitor = new LoopMonitor();
  monitor.start();
  const t0 = now();
  await runInSlices(new CitationIndex().addSteps(documents), 15);
  const totalMs = now() - t0;
  const loop = monitor.stop();
  const workspaceScan = { documents: WORKSPACE_DOCUMENTS, totalMs, maxBlockMs: loop.maxBlockMs, blocksOver50ms: loop.blocksOver50ms };
  log(`workspace scan of ${WORKSPACE_DOCUMENTS} documents: ${fmtMs(totalMs)}, longest block ${fmtMs(loop.maxBlockMs)}`);
  return { papers: papers.length, completion, check2000, workspaceScan };
}

if (require.main === module) {
  const size = Number(process.argv[2] ?? 100000);
  const { path } = ensureLibrary(size);
  const parsed = runToEnd(parseBibtexSteps(readFileSync(path, 'utf8'), path));
  const { papers } = runToEnd(assembleLibrarySteps([parsed], DEFAULT_TAXONOMY));
  void measureEditor(papers, runToEnd(SearchIndex.build(papers)), console.log).then((result) => console.log(JSON.stringify(result, null, 2)));
}
