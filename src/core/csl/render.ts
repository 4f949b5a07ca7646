/**
 * Formatted references through CSL: citeproc-js renders papers in any
 * CSL 1.0 style. This module is big (citeproc is about 400 KB minified), so
 * the extension loads it lazily as its own bundle (src/csl/entry.ts); only
 * tests and the benchmark import it directly.
 */
import * as CSL from 'citeproc';
import type { Paper } from '../model';
import { paperToCslItem } from './cslItem';

/** Plain text, or Markdown (emphasis as `*…*`, never HTML). */
export type ReferenceFormat = 'text' | 'markdown';

export interface RenderOptions {
  /** The style's CSL XML. */
  style: string;
  /** The language to render in (a CSL locale id such as `de-DE`); the style's own default wins when it sets one. */
  lang: string;
  /** CSL locale XML by locale id; must hold `en-US`, the fallback for any locale not given. */
  locales: Readonly<Record<string, string>>;
  format: ReferenceFormat;
}

/** A style or a locale the processor cannot use; the message says which and why. */
export class CslStyleError extends Error {}

/**
 * Characters that would turn text into Markdown: emphasis, code, HTML and
 * autolinks, and `@` (a pandoc citation). Brackets alone make no link, so
 * numbered entries keep a readable `[1]`.
 */
const escapeMarkdown = (text: string) => text.replace(/[\\`*_<>@]/g, '\\$&');
const unescapeMarkdown = (text: string) => text.replace(/\\([\\`*_<>@])/g, '$1');

/** A Markdown output format for citeproc, built on its plain-text one. */
function installMarkdownFormat(): void {
  if (CSL.Output.Formats.markdown) return;
  CSL.Output.Formats.markdown = {
    ...CSL.Output.Formats.text,
    text_escape: (text: string | undefined) => escapeMarkdown(text ?? ''),
    '@font-style/italic': '*%%STRING%%*',
    '@font-style/oblique': '*%%STRING%%*',
    '@font-weight/bold': '**%%STRING%%**',
    // A URL or DOI stays as written, so Markdown renderers can link it.
    '@URL/true': (_state: unknown, str: string) => unescapeMarkdown(str),
    '@DOI/true': (_state: unknown, str: string) => unescapeMarkdown(str),
  };
}

interface CachedEngine {
  engine: CSL.Engine;
  items: Map<string, Record<string, unknown>>;
  /** The ids and items (as JSON) the engine holds now: the same again needs no update. */
  loaded: string;
}

/** Building an engine parses the style (tens of ms for APA), so a few are kept. */
const engines = new Map<string, CachedEngine>();
const MAX_ENGINES = 4;

function engineFor(options: RenderOptions): CachedEngine {
  const cacheKey = `${options.lang}\u0000${options.format}\u0000${options.style}`;
  const cached = engines.get(cacheKey);
  if (cached) return cached;
  checkStyle(options.style);
  installMarkdownFormat();
  const items = new Map<string, Record<string, unknown>>();
  const sys = {
    retrieveItem: (id: string) => items.get(id) ?? { id, type: 'article', title: id },
    retrieveLocale: (lang: string) => options.locales[lang] ?? options.locales[lang.replace('_', '-')] ?? options.locales['en-US'],
  };
  let engine: CSL.Engine;
  try {
    engine = new CSL.Engine(sys, options.style, options.lang);
  } catch (error) {
    throw new CslStyleError(`The CSL style could not be read: ${String(error instanceof Error ? error.message : error).replace(/^citeproc-js error: /, '')}`);
  }
  engine.setOutputFormat(options.format === 'markdown' ? 'markdown' : 'text');
  engine.opt.development_extensions.wrap_url_and_doi = options.format === 'markdown';
  const made = { engine, items, loaded: '' };
  if (engines.size >= MAX_ENGINES) engines.delete(engines.keys().next().value as string);
  engines.set(cacheKey, made);
  return made;
}

/** Rejects, with a message that says what to do, what citeproc would fail on less clearly. */
function checkStyle(xml: string): void {
  if (!/<style[\s>]/.test(xml)) throw new CslStyleError('This is not a CSL style: it has no <style> element.');
  const parent = /<link\b[^>]*rel="independent-parent"[^>]*>/.exec(xml);
  if (parent && !/<bibliography[\s>]/.test(xml)) {
    const href = /href="([^"]*)"/.exec(parent[0])?.[1] ?? 'its parent';
    throw new CslStyleError(`This is a dependent CSL style: it only points to ${href}. Use that parent style's .csl file instead.`);
  }
  if (!/<bibliography[\s>]/.test(xml)) throw new CslStyleError('This CSL style has no <bibliography> section, so it cannot format references.');
}

/**
 * The papers as formatted references, one string per paper, in the style's
 * order (sorted, or numbered in the order given). Throws a CslStyleError for
 * a style that cannot be used; any paper, however incomplete, renders.
 */
export function renderReferences(papers: readonly Paper[], options: RenderOptions): string[] {
  if (papers.length === 0) return [];
  const cached = engineFor(options);
  const { engine, items } = cached;
  items.clear();
  const ids: string[] = [];
  for (const paper of papers) {
    if (items.has(paper.key)) continue;
    items.set(paper.key, paperToCslItem(paper));
    ids.push(paper.key);
  }
  const loaded = JSON.stringify([...items]);
  let made: ReturnType<CSL.Engine['makeBibliography']>;
  try {
    if (loaded !== cached.loaded) {
      // citeproc keeps the items it has read: emptied first, so a paper changed since the last call is read again.
      cached.loaded = '';
      engine.updateItems([]);
      engine.updateItems(ids);
      cached.loaded = loaded;
    }
    made = engine.makeBibliography();
  } catch (error) {
    throw new CslStyleError(`The CSL processor failed: ${String(error instanceof Error ? error.message : error).replace(/^citeproc-js error: /, '')}`);
  }
  if (!made) throw new CslStyleError('This CSL style has no bibliography.');
  // One line per entry; the doubled spaces some styles leave where two affixes meet (IEEE's ",  doi:") made single.
  return made[1].map((entry) => entry.trim().replace(/\s*\n\s*/g, ' ').replace(/ {2,}/g, ' '));
}

/** A style's title, from its `<info>`; undefined when it has none. */
export function styleTitle(xml: string): string | undefined {
  const title = /<info>[\s\S]*?<title>([^<]*)<\/title>/.exec(xml)?.[1]?.trim();
  return title ? title.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') : undefined;
}
