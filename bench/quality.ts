/**
 * Search quality (`npm run bench:quality`; also run at the end of `npm run bench`).
 *
 * Runs the judged queries of test/fixtures/search/judgments.json over the
 * embedded corpus plus test/fixtures/search/other-fields.bib and reports
 * MRR@10 and recall@5, overall and per kind of query, next to the figures
 * the search had before issue 16 (bench/quality-before.json, produced by this
 * same file at commit 11f1bf8). Writes its section into BENCHMARKS.md.
 *
 * `node out/bench/quality.js --save-before` records the current engine's
 * figures as the "before" file instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runToEnd } from '../src/core/slices';
import { join } from 'node:path';
import { assembleLibrarySteps } from '../src/core/library/library';
import { SearchIndex } from '../src/core/search/searchIndex';
import { parseBibtexSteps } from '../src/core/sources/bibtex';
import { loadEmbeddedCorpus } from '../src/core/sources/corpus';
import { DEFAULT_TAXONOMY } from '../src/core/topics/taxonomy';
import { repoRoot } from './generate';

interface Judged {
  query: string;
  kind: string;
  relevant: string[];
}

export interface QueryResult {
  query: string;
  kind: string;
  /** 1-based rank of the first relevant paper in the top 10, or 0 if none. */
  firstRelevant: number;
  /** Relevant papers found in the top 5, divided by min(5, number relevant). */
  recallAt5: number;
  top5: string[];
}

export interface QualityReport {
  queries: number;
  mrrAt10: number;
  recallAt5: number;
  byKind: Record<string, { queries: number; mrrAt10: number; recallAt5: number }>;
  results: QueryResult[];
}

const FIXTURES = join(repoRoot(), 'test', 'fixtures', 'search');
const BEFORE_FILE = join(repoRoot(), 'bench', 'quality-before.json');
const SECTION_START = '<!-- search-quality:start -->';
const SECTION_END = '<!-- search-quality:end -->';

/** The embedded corpus and the other-fields papers, assembled as the extension would. */
export function qualityLibraryIndex(): SearchIndex {
  const corpusDir = join(repoRoot(), 'media', 'corpus');
  const corpus = loadEmbeddedCorpus(readFileSync(join(corpusDir, 'efficient-llm-papers.txt'), 'utf8'), readFileSync(join(corpusDir, 'papers-metadata.json'), 'utf8'));
  const other = runToEnd(parseBibtexSteps(readFileSync(join(FIXTURES, 'other-fields.bib'), 'utf8'), 'other-fields.bib'));
  if (other.problems.length) throw new Error(`other-fields.bib: ${other.problems.map((p) => p.message).join('; ')}`);
  return runToEnd(SearchIndex.build(runToEnd(assembleLibrarySteps([other, corpus], DEFAULT_TAXONOMY)).papers));
}

export function judgedQueries(): Judged[] {
  return (JSON.parse(readFileSync(join(FIXTURES, 'judgments.json'), 'utf8')) as { queries: Judged[] }).queries;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

export function evaluate(index: SearchIndex, queries: Judged[] = judgedQueries()): QualityReport {
  const results = queries.map(({ query, kind, relevant }) => {
    const top = index.search(query, { limit: 10 }).map((h) => h.paper.key);
    const first = top.findIndex((key) => relevant.includes(key));
    const found = top.slice(0, 5).filter((key) => relevant.includes(key)).length;
    return { query, kind, firstRelevant: first + 1, recallAt5: found / Math.min(5, relevant.length), top5: top.slice(0, 5) };
  });
  const kinds = [...new Set(results.map((r) => r.kind))];
  return { ...summarize(results), byKind: Object.fromEntries(kinds.map((k) => [k, summarize(results.filter((r) => r.kind === k))])), results };
}

function summarize(rs: QueryResult[]): { queries: number; mrrAt10: number; recallAt5: number } {
  return {
    queries: rs.length,
    mrrAt10: mean(rs.map((r) => (r.firstRelevant ? 1 / r.firstRelevant : 0))),
    recallAt5: mean(rs.map((r) => r.recallAt5)),
  };
}

const f2 = (x: number) => x.toFixed(2);

export function qualitySection(after: QualityReport, before?: QualityReport): string {
  // Queries judged later than the baseline have no "before": the first row compares like with like.
  const judgedBefore = new Set(before?.results.map((r) => r.query));
  const common = summarize(after.results.filter((r) => judgedBefore.has(r.query)));
  const rows = [
    ...(before ? [[`queries judged before issue 16`, common.queries, before.mrrAt10, common.mrrAt10, before.recallAt5, common.recallAt5] as const] : []),
    ['all queries', after.queries, undefined, after.mrrAt10, undefined, after.recallAt5] as const,
  ];
  const kindRows = Object.entries(after.byKind).map(([kind, s]) => [kind, s.queries, before?.byKind[kind]?.mrrAt10, s.mrrAt10, before?.byKind[kind]?.recallAt5, s.recallAt5] as const);
  const cell = (x: number | undefined) => (x === undefined ? '—' : f2(x));
  const table = [
    '| queries | n | MRR@10 before | MRR@10 after | recall@5 before | recall@5 after |',
    '| --- | --- | --- | --- | --- | --- |',
    ...[...rows, ...kindRows].map(([name, n, mb, ma, rb, ra]) => `| ${name} | ${n} | ${cell(mb)} | ${cell(ma)} | ${cell(rb)} | ${cell(ra)} |`),
  ];
  const beforeRank = new Map(before?.results.map((r) => [r.query, r.firstRelevant]));
  const changed = after.results
    .filter((r) => beforeRank.has(r.query) && beforeRank.get(r.query) !== r.firstRelevant)
    .map((r) => `"${r.query}" ${beforeRank.get(r.query) || '–'} → ${r.firstRelevant || '–'}`);
  const missed = after.results.filter((r) => !r.firstRelevant).map((r) => `"${r.query}"`);
  return [
    SECTION_START,
    '## Search quality',
    '',
    `Generated by \`npm run bench:quality\` (bench/quality.ts). ${after.queries} realistic queries (test/fixtures/search/judgments.json) over the embedded corpus plus 4 real papers from other fields (test/fixtures/search/other-fields.bib), with the relevant papers judged from titles and abstracts before any search was run. MRR@10: mean of 1/rank of the first relevant paper (0 if none in the top 10). Recall@5: relevant papers in the top 5 over min(5, relevant papers). "Before" is the search as it was before issue 16 (strict AND, exact words and prefixes only), measured by the same file (bench/quality-before.json); queries judged after it (the \`compound\` ones, which need a match inside a word such as "finetuning" or "backpropagation") have no "before". Without compound matching those three scored MRR@10 0.42 and recall@5 0.60 (measured 2026-12-04 by this file, with the compound lookup taken out of SearchIndex.expand).`,
    '',
    ...table,
    '',
    `Rank of the first relevant paper, where it changed (before → after; – is not in the top 10): ${changed.length ? changed.join(', ') : 'none'}.`,
    '',
    `Still without a relevant paper in the top 10: ${missed.length ? missed.join(', ') : 'none'}.`,
    SECTION_END,
  ].join('\n');
}

/** Puts the section into BENCHMARKS.md, replacing an earlier one (so `npm run bench` can regenerate the rest). */
export function writeQualitySection(): QualityReport {
  const after = evaluate(qualityLibraryIndex());
  let before: QualityReport | undefined;
  try {
    before = JSON.parse(readFileSync(BEFORE_FILE, 'utf8')) as QualityReport;
  } catch {
    before = undefined;
  }
  const path = join(repoRoot(), 'BENCHMARKS.md');
  const md = readFileSync(path, 'utf8');
  const section = qualitySection(after, before);
  const start = md.indexOf(SECTION_START);
  const end = md.indexOf(SECTION_END);
  const next = start >= 0 && end > start ? md.slice(0, start) + section + md.slice(end + SECTION_END.length) : `${md.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
  process.stdout.write(`${section}\n`);
  return after;
}

if (require.main === module) {
  if (process.argv.includes('--save-before')) {
    const report = evaluate(qualityLibraryIndex());
    writeFileSync(BEFORE_FILE, `${JSON.stringify(report, null, 1)}\n`);
    process.stdout.write(`MRR@10 ${f2(report.mrrAt10)}, recall@5 ${f2(report.recallAt5)} saved to ${BEFORE_FILE}\n`);
  } else {
    writeQualitySection();
  }
}
