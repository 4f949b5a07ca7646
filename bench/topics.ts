/**
 * Topics: quality on the hand-labelled sets and discovery at scale (part of
 * `npm run bench`; alone: `tsc -p tsconfig.test.json && node out/bench/topics.js`).
 *
 * Quality: pairwise F1 against the labels of test/fixtures/topics (the same
 * measure as test/unit/topicsQuality.test.ts).
 *
 * Scale: discovery over 100,000 synthetic papers, run as the extension runs
 * it (`assignLibraryTopics` in `discover` mode, every paper discovered, the
 * worst case) in the extension's time slices (SLICE_MS), timing each slice. The papers recombine
 * sentences of real abstracts field by field (the embedded corpus and the
 * labelled sets: 8 fields), and each adds three words from a pool of 60,000
 * made-up ones, so the vocabulary is as large as a big real library's.
 * Then: placing one changed paper in the learnt topics (`placePaper`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Paper } from '../src/core/model';
import { runToEnd, SLICE_MS, type Steps } from '../src/core/slices';
import { classify } from '../src/core/topics/classify';
import { placePaper } from '../src/core/topics/discover/discover';
import { pairwiseF1 } from '../src/core/topics/pairwiseF1';
import { DEFAULT_TAXONOMY } from '../src/core/topics/taxonomy';
import { assignLibraryTopics } from '../src/core/topics/topicModes';
import { loadCorpus, prng, repoRoot } from './generate';
import { now, percentile } from './measure';

const SECTION_START = '<!-- topics:start -->';
const SECTION_END = '<!-- topics:end -->';
const FIXTURES = join(repoRoot(), 'test', 'fixtures', 'topics');

interface Labelled {
  title: string;
  abstract: string;
  keywords?: string[];
  label: string;
}

function fixture(file: string): Labelled[] {
  return (JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Array<Labelled & { field?: string }>).map((r) => ({ ...r, label: r.field ?? r.label }));
}

function asPapers(records: readonly Labelled[], prefix: string): Paper[] {
  return records.map((r, i) => ({ key: `${prefix}${i}`, title: r.title, abstract: r.abstract, keywords: r.keywords ?? [], authors: [], topics: [], origin: { source: 'bench', kind: 'text' } }));
}

export interface TopicsBench {
  fields: { papers: number; fields: number; f1: number; precision: number; recall: number; topics: string[] };
  /** The development set, which tuned the number of topics: not an exam. */
  dev: { papers: number; fields: number; f1: number; precision: number; recall: number };
  llm: { papers: number; f1: number; precision: number; recall: number; right: number };
  scale: { papers: number; totalMs: number; longestSliceMs: number; longestSliceCpuMs: number; slices: number; topics: number; subtopics: number; other: number };
  place: { p50Ms: number; maxMs: number; runs: number };
}

/** Pairwise F1 of the default mode on the mixed-fields set, and of the taxonomy on the efficient-LLM set. */
export function measureQuality(): Pick<TopicsBench, 'fields' | 'dev' | 'llm'> {
  const fields = [...fixture('fields-marine-astro.json'), ...fixture('fields-econ-ling-med-bio.json')];
  const papers = asPapers(fields, 'f');
  const state = runToEnd(assignLibraryTopics(papers, DEFAULT_TAXONOMY, { mode: 'auto' }));
  const f = pairwiseF1(fields.map((r) => r.label), papers.map((p) => p.topics[0]), 'other');
  const used = state.topics.filter((t) => papers.some((p) => p.topics[0] === t.id)).map((t) => t.label);
  const dev = [...fixture('dev-earth-space.json'), ...fixture('dev-engineering-econ.json')];
  const devPapers = asPapers(dev, 'd');
  runToEnd(assignLibraryTopics(devPapers, DEFAULT_TAXONOMY, { mode: 'auto' }));
  const d = pairwiseF1(dev.map((r) => r.label), devPapers.map((p) => p.topics[0]), 'other');
  const llm = fixture('efficient-llm.json');
  const predicted = llm.map((r) => classify({ title: r.title, abstract: r.abstract }, DEFAULT_TAXONOMY).primary);
  const l = pairwiseF1(llm.map((r) => r.label), predicted, 'other');
  return {
    fields: { papers: fields.length, fields: new Set(fields.map((r) => r.label)).size, ...f, topics: used },
    dev: { papers: dev.length, fields: new Set(dev.map((r) => r.label)).size, ...d },
    llm: { papers: llm.length, ...l, right: predicted.filter((p, i) => p === llm[i].label).length },
  };
}

function sentencesOf(text: string): string[] {
  return text.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=[A-Z(])/).filter((s) => s.length > 20);
}

/** `count` synthetic papers over 8 fields of real sentences, plus made-up words (see the module comment). */
export function syntheticLibrary(count: number, seed = 7): Paper[] {
  const rand = prng(seed);
  const byField = new Map<string, { sentences: string[]; titles: string[] }>();
  const add = (field: string, title: string, abstract: string) => {
    let f = byField.get(field);
    if (!f) byField.set(field, (f = { sentences: [], titles: [] }));
    f.sentences.push(...sentencesOf(abstract));
    f.titles.push(title);
  };
  for (const p of loadCorpus()) add('efficient-llm', p.title, p.abstract ?? '');
  for (const r of [...fixture('fields-marine-astro.json'), ...fixture('fields-econ-ling-med-bio.json')]) add(r.label, r.title, r.abstract);
  const fields = [...byField.values()];
  const pool: string[] = [];
  for (let i = 0; i < 60_000; i++) pool.push(`zq${i.toString(36)}x`);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const papers: Paper[] = [];
  for (let i = 0; i < count; i++) {
    const field = pick(fields);
    const parts: string[] = [];
    const n = 4 + Math.floor(rand() * 5);
    for (let s = 0; s < n; s++) parts.push(pick(field.sentences));
    parts.push(`We call it ${pick(pool)} with ${pick(pool)} and ${pick(pool)}.`);
    const title = pick(field.titles).split(/[:?]/)[0];
    papers.push({ key: `s${String(i).padStart(6, '0')}`, title, abstract: parts.join(' '), keywords: [], authors: [], topics: [], origin: { source: 'bench', kind: 'text' } });
  }
  return papers;
}

/** Runs `steps` as runInSlices does (slices of SLICE_MS), timing every slice; synchronous, so nothing else runs in between. */
function sliced<T>(steps: Steps<T>, sliceMs = SLICE_MS): { value: T; slices: number[]; cpu: number[]; at: number[] } {
  const slices: number[] = [];
  const cpu: number[] = [];
  const at: number[] = [];
  const t0 = now();
  let started = t0;
  let cpu0 = process.cpuUsage();
  for (;;) {
    const step = steps.next();
    const t = now();
    if (step.done || t - started >= sliceMs) {
      const used = process.cpuUsage(cpu0);
      slices.push(t - started);
      // CPU time of the process in the slice: without the time the machine gave to others (with GC helper threads).
      cpu.push((used.user + used.system) / 1000);
      at.push(started - t0);
      if (step.done) return { value: step.value, slices, cpu, at };
      started = now();
      cpu0 = process.cpuUsage();
    }
  }
}

/** Discovery over `count` papers in slices, and single-paper placement. */
export function measureScale(count = 100_000): Pick<TopicsBench, 'scale' | 'place'> {
  const papers = syntheticLibrary(count);
  const t0 = now();
  const { value: state, slices, cpu, at } = sliced(assignLibraryTopics(papers, DEFAULT_TAXONOMY, { mode: 'discover' }));
  if (process.env.TOPICS_SLICES) slices.forEach((s, i) => s > 40 && process.stdout.write(`slice at ${at[i].toFixed(0)} ms: ${s.toFixed(0)} ms\n`));
  const totalMs = now() - t0;
  const model = state.model!;
  const times: number[] = [];
  // Warm-up (the first calls compile the code), then 200 timed placements of edited papers.
  for (let i = 0; i < 20; i++) placePaper(papers[i], model);
  for (let i = 0; i < 200; i++) {
    const paper = { ...papers[(i * 7919) % papers.length], abstract: `${papers[(i * 7919) % papers.length].abstract} Edited.` };
    const t = now();
    placePaper(paper, model);
    times.push(now() - t);
  }
  return {
    scale: {
      papers: count, totalMs, longestSliceMs: Math.max(...slices), longestSliceCpuMs: Math.max(...cpu), slices: slices.length,
      topics: model.topics.filter((t) => !t.parent).length, subtopics: model.topics.filter((t) => t.parent).length,
      other: papers.filter((p) => p.topics[0] === 'other').length,
    },
    place: { p50Ms: percentile(times, 50), maxMs: Math.max(...times), runs: times.length },
  };
}

const f3 = (x: number) => x.toFixed(3);
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);

export function topicsSection(r: TopicsBench): string {
  const ok = (good: boolean) => (good ? 'met' : '**missed**');
  return [
    SECTION_START,
    '## Topics',
    '',
    'Measured by `bench/topics.ts` (alone: `tsc -p tsconfig.test.json && node out/bench/topics.js`). Quality is pairwise F1 against hand labels on papers the topics were not made from (test/fixtures/topics, provenance in its README); the same figures are asserted in test/unit/topicsQuality.test.ts.',
    '',
    '| measure | result | target | |',
    '| --- | --- | --- | --- |',
    `| mixed library, ${r.fields.papers} papers from ${r.fields.fields} fields, default mode: pairwise F1 | ${f3(r.fields.f1)} (P ${f3(r.fields.precision)}, R ${f3(r.fields.recall)}) | ≥ 0.8 | ${ok(r.fields.f1 >= 0.8)} |`,
    `| development set (tuned the number of topics; not an exam), ${r.dev.papers} papers from ${r.dev.fields} fields, default mode: pairwise F1 | ${f3(r.dev.f1)} (P ${f3(r.dev.precision)}, R ${f3(r.dev.recall)}) | | |`,
    `| ${r.llm.papers} efficient-LLM papers outside the embedded 75, taxonomy: pairwise F1 | ${f3(r.llm.f1)} (P ${f3(r.llm.precision)}, R ${f3(r.llm.recall)}; ${r.llm.right}/${r.llm.papers} as labelled) | ≥ 0.75 | ${ok(r.llm.f1 >= 0.75)} |`,
    `| discovery of ${r.scale.papers.toLocaleString('en')} papers, total (${SLICE_MS} ms slices) | ${ms(r.scale.totalMs)} | ≤ 20 s | ${ok(r.scale.totalMs <= 20_000)} |`,
    `| longest slice of that discovery (wall clock; most CPU time in one slice) | ${ms(r.scale.longestSliceMs)} (${ms(r.scale.longestSliceCpuMs)} CPU) | ≤ 50 ms | ${ok(r.scale.longestSliceMs <= 50)} |`,
    `| placing one changed paper in the learnt topics (median / max of ${r.place.runs}) | ${ms(r.place.p50Ms)} / ${ms(r.place.maxMs)} | < 5 ms | ${ok(r.place.maxMs < 5)} |`,
    '',
    `Mixed library topics: ${r.fields.topics.join('; ')}.`,
    '',
    'The number of topics is chosen by silhouette with a size prior around √(n/2) (src/core/topics/discover/chooseCut.ts), tuned on the development set only (test/fixtures/topics/dev-*.json); over every library of 2 to 8 of its fields the mean pairwise F1 is in test/unit/topicsDev.test.ts.',
    '',
    `At ${r.scale.papers.toLocaleString('en')} papers: ${r.scale.topics} topics, ${r.scale.subtopics} subtopics, ${r.scale.other} papers in Other, ${r.scale.slices} slices. A slice whose wall time is far above its CPU time waited for the machine (other processes); the longest by CPU time coincide with V8's major garbage collections.`,
    SECTION_END,
  ].join('\n');
}

/** Measures everything and writes the section into BENCHMARKS.md. */
export function writeTopicsSection(count = 100_000): TopicsBench {
  const result = { ...measureQuality(), ...measureScale(count) };
  const path = join(repoRoot(), 'BENCHMARKS.md');
  const md = readFileSync(path, 'utf8');
  const section = topicsSection(result);
  const start = md.indexOf(SECTION_START);
  const end = md.indexOf(SECTION_END);
  writeFileSync(path, start >= 0 && end > start ? md.slice(0, start) + section + md.slice(end + SECTION_END.length) : `${md.trimEnd()}\n\n${section}\n`);
  process.stdout.write(`${section}\n`);
  return result;
}

if (require.main === module && /topics\.js$/.test(process.argv[1] ?? '')) writeTopicsSection(Number(process.argv[2]) || 100_000);
