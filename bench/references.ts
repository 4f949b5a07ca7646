/**
 * Formatted references: 200 references rendered in APA through the lazily
 * loaded CSL bundle (dist/node/csl.js: citeproc-js and src/core/csl/render),
 * as "Insert Bibliography" does for a document that cites 200 papers.
 *
 * The extension runs this bundle in a worker; here it is `require`d and run
 * in the benchmark's process, which is what the worker does (the message
 * round trip, a structured clone of the papers, is not included).
 *
 * Measured in a fresh process: loading the bundle (`require`), the first
 * render (which parses the style and builds the engine), then repeated
 * renders of the same 200 papers (the engine is cached, the items are read
 * again each time), for plain text and Markdown.
 *
 * `measureReferences` is called from bench/run.ts in a child process;
 * `node out/bench/references.js` runs it alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Paper } from '../src/core/model';
import type * as CslBundle from '../src/csl/entry';
import { runToEnd } from '../src/core/slices';
import { parseBibtexSteps } from '../src/core/sources/bibtex';
import { ensureLibrary, repoRoot } from './generate';
import { distribution, type Distribution, fmtMs, now } from './measure';

export const REFERENCES = 200;
const RUNS = 15;

export interface ReferencesResult {
  references: number;
  bundleLoadMs: number;
  firstRenderMs: number;
  text: Distribution;
  markdown: Distribution;
  /** Every render gave one non-empty reference per paper, sorted as APA sorts (by first author). */
  correct: boolean;
}

export function measureReferences(): ReferencesResult {
  const root = repoRoot();
  const bib = readFileSync(ensureLibrary(1000).path, 'utf8');
  const papers = runToEnd(parseBibtexSteps(bib, 'library-1000.bib')).papers.slice(0, REFERENCES).map((p, i) => ({ ...p, key: p.key ?? `p${i}`, topics: [] }) as Paper);
  const style = readFileSync(join(root, 'media', 'csl', 'styles', 'apa.csl'), 'utf8');
  const locales = { 'en-US': readFileSync(join(root, 'media', 'csl', 'locales', 'locales-en-US.xml'), 'utf8') };

  const t0 = now();
  // The production bundle the extension loads on first use (built by `node esbuild.js --production`).
  const csl = require(join(root, 'dist', 'node', 'csl.js')) as typeof CslBundle;
  const bundleLoadMs = now() - t0;

  const render = (format: 'text' | 'markdown') => csl.renderReferences(papers, { style, lang: 'en-US', locales, format });
  const t1 = now();
  const first = render('text');
  const firstRenderMs = now() - t1;
  let correct = first.length === papers.length && first.every((r) => r.length > 0);
  const timeRuns = (format: 'text' | 'markdown') => {
    render(format); // builds this format's engine once
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = now();
      const out = render(format);
      samples.push(now() - t);
      correct &&= out.length === papers.length;
    }
    return distribution(samples);
  };
  const text = timeRuns('text');
  const markdown = timeRuns('markdown');
  const families = first.map((r) => r.split(',')[0].toLowerCase());
  correct &&= families.every((f, i) => i === 0 || families[i - 1].localeCompare(f, 'en') <= 0 || f.startsWith(families[i - 1]));
  return { references: papers.length, bundleLoadMs, firstRenderMs, text, markdown, correct };
}

if (require.main === module) {
  const r = measureReferences();
  console.log(`${r.references} references in APA: bundle load ${fmtMs(r.bundleLoadMs)}, first render ${fmtMs(r.firstRenderMs)}, then text p50 ${fmtMs(r.text.p50)} / p95 ${fmtMs(r.text.p95)}, Markdown p50 ${fmtMs(r.markdown.p50)} / p95 ${fmtMs(r.markdown.p95)}; correct: ${r.correct}`);
}
