/**
 * How parse time grows with input: each parser on n and 4n repeated entries
 * (clean, broken, with macros, deeply nested, unclosed). A parser that is
 * linear takes about 4× as long; a quadratic one 16×. Hostile inputs are the
 * point: per-entry recovery and macro re-reading must not turn quadratic.
 */
import { runToEnd } from '../src/core/slices';
import { parseBibtexSteps } from '../src/core/sources/bibtex';
import { parseCorpusText } from '../src/core/sources/corpus';
import { parseCslJson } from '../src/core/sources/cslJson';
import { parseMarkdownNote } from '../src/core/sources/markdownNotes';
import { corpusMaterial, generateBibtex } from './generate';
import { now } from './measure';

export interface ScalingRow {
  name: string;
  n: number;
  smallMs: number;
  largeMs: number;
  /** largeMs ÷ smallMs (small floored at 5 ms, below which timer noise dominates). */
  ratio: number;
}

/** The faster of two runs, after a warm-up: steadier than one sample. */
function timeOf(run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const t0 = now();
    run();
    best = Math.min(best, now() - t0);
  }
  return best;
}

function row(name: string, make: (n: number) => string, parse: (text: string) => unknown, n: number): ScalingRow {
  parse(make(Math.max(1, n >> 3)));
  const small = make(n);
  const large = make(4 * n);
  const smallMs = timeOf(() => parse(small));
  const largeMs = timeOf(() => parse(large));
  return { name, n, smallMs, largeMs, ratio: largeMs / Math.max(smallMs, 5) };
}

function entry(key: string, extra = ''): string {
  return `@article{${key},\n  title = {Title of ${key}},\n  author = {Doe, Jane and Roe, Rick},\n  year = {2020}${extra}\n}\n`;
}

/** `n` entries; every `every`-th lacks a comma (0: none), optionally each with its own @string macro. */
function bibOf(n: number, every: number, withStrings: boolean): string {
  return Array.from({ length: n }, (_, i) => {
    const s = withStrings ? `@string{j${i} = {Journal ${i}}}\n` : '';
    const e = entry(`k${i}`, withStrings ? `,\n  journal = j${i}` : '');
    return s + (every > 0 && i % every === every - 1 ? e.replace(',\n  author', '\n  author') : e);
  }).join('\n');
}

export function measureScaling(): ScalingRow[] {
  const bib = (t: string) => runToEnd(parseBibtexSteps(t, 'f.bib'));
  const careful = (t: string) => runToEnd(parseBibtexSteps(t, 'f.bib', { fastValues: false }));
  const material = corpusMaterial();
  const corpusLike = (n: number) => generateBibtex(n, 20250101, material);
  return [
    row('BibTeX, corpus-like entries (bench/generate.ts), fast path (the default)', corpusLike, bib, 1000),
    row('BibTeX, corpus-like entries, careful path (citation-js reads every value)', corpusLike, careful, 1000),
    row('BibTeX, well-formed entries', (n) => bibOf(n, 0, false), bib, 500),
    row('BibTeX, well-formed entries, careful path', (n) => bibOf(n, 0, false), careful, 500),
    row('BibTeX, one entry in 25 broken (per-entry recovery)', (n) => bibOf(n, 25, false), bib, 500),
    row('BibTeX, an @string per entry and one broken entry', (n) => bibOf(n, n, true), bib, 400),
    row('BibTeX, deeply nested braces', (n) => `@article{a, title = {${'{'.repeat(n)}x${'}'.repeat(n)}}}\n${entry('b')}`, bib, 5000),
    row('BibTeX, one huge unclosed entry', (n) => `@article{a, title = {${'x {y} '.repeat(n * 10)}\n`, bib, 2000),
    row('CSL-JSON', (n) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: `k${i}`, title: `T ${i}`, author: [{ family: 'Doe', given: 'J' }], issued: { 'date-parts': [[2020]] } }))), (t) => parseCslJson(t, 'f.json'), 2000),
    row('Markdown note front matter', (n) => `---\ntitle: x\nauthors:\n${'  - Ada Lovelace\n'.repeat(n)}tags: [${Array.from({ length: n }, (_, i) => `t${i}`).join(', ')}]\n---\n${'body line\n'.repeat(n)}`, (t) => parseMarkdownNote(t, 'n.md'), 2000),
    row('corpus text', (n) => Array.from({ length: n }, (_, i) => `- [Paper number ${i}](https://arxiv.org/abs/2101.${String(10000 + i)})`).join('\n'), (t) => parseCorpusText(t, 'c.txt'), 2000),
  ];
}
