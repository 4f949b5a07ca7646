/**
 * An independent check of the BibTeX source: @retorquere/bibtex-parser (the
 * parser behind Better BibTeX for Zotero; dev-only) reads each fixture, and
 * LitNotes' result is compared with it: which keys survive, and what the
 * titles say. Shared by the fixture tests and `npm run fixtures:report`.
 */
import * as fs from 'node:fs';
import { runToEnd } from '../../../src/core/slices';
import * as path from 'node:path';
import { assembleLibrarySteps } from '../../../src/core/library/library';
import type { Paper, Problem } from '../../../src/core/model';
import { parseBibtexSteps } from '../../../src/core/sources/bibtex';
import { normalizeTitle } from '../../../src/core/text';
import { DEFAULT_TAXONOMY } from '../../../src/core/topics/taxonomy';

/** Tests and the report run with cwd = repository root. */
export const FIXTURES = path.resolve(process.cwd(), 'test', 'fixtures', 'bib');

interface OracleLibrary {
  entries: Array<{ type: string; key: string; fields: Record<string, unknown> }>;
}
type OracleParse = (text: string, options: Record<string, unknown>) => OracleLibrary;

let oracleParse: OracleParse | undefined;

/** The package's CommonJS build cannot load (its folder is marked as ES modules), so its ES module build is required directly. */
function oracle(): OracleParse {
  if (!oracleParse) {
    const file = path.resolve(process.cwd(), 'node_modules', '@retorquere', 'bibtex-parser', 'dist', 'esm', 'index.js');
    oracleParse = (require(file) as { parse: OracleParse }).parse;
  }
  return oracleParse;
}

/**
 * Commands the oracle does not know print here as LaTeX prints them (it
 * would drop them): biblatex's \hyphen and the TeX logos. Any other unknown
 * command prints nothing, as the oracle's own "ignore" does.
 */
function unsupported(_node: unknown, tex: string): string {
  const name = /^\\([A-Za-z]+)/.exec(tex)?.[1] ?? '';
  if (name === 'hyphen') return '-';
  return /^(TeX|LaTeX|BibTeX)$/.test(name) ? name : '';
}

export interface TitlePair {
  key: string;
  oracle: string;
  litnotes: string;
}

export interface FixtureComparison {
  name: string;
  /** Entries the oracle finds (not @xdata: those only lend fields to other entries, and LitNotes reads them as such). */
  oracleKeys: string[];
  /** Keys of the entries LitNotes read, its papers after assembly (the file on its own), and its problems. */
  draftKeys: string[];
  papers: Paper[];
  problems: Problem[];
  /** Oracle keys that are no LitNotes paper key or alias and that no problem names. */
  lost: string[];
  /** Entries with a title of their own in both, and whether the titles agree once normalised. */
  titles: Array<TitlePair & { agree: boolean }>;
}

/** Every .bib file under test/fixtures/bib, as relative names with forward slashes. */
export function fixtureNames(dir = FIXTURES): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.bib')) out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** A title as compared: markup the oracle emits (<i>, <span>) removed, then LitNotes' duplicate-detection normal form. */
export function comparableTitle(title: string): string {
  return normalizeTitle(title.replace(/<[^>]*>/g, ''));
}

const cache = new Map<string, FixtureComparison>();

/** LitNotes and the oracle on one fixture file (computed once per process). */
export function compareFixture(name: string): FixtureComparison {
  const cached = cache.get(name);
  if (cached) return cached;
  const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
  // Own fields only: biblatex's crossref inheritance maps fields by entry type (a book's title is an inbook's booktitle), which the oracle does not.
  const found = oracle()(text, { english: false, applyCrossRef: false, unsupported }).entries.filter((e) => e.type.toLowerCase() !== 'xdata');
  const parsed = runToEnd(parseBibtexSteps(text, name));
  const library = runToEnd(assembleLibrarySteps([parsed], DEFAULT_TAXONOMY));
  const byKey = new Map<string, Paper>();
  for (const paper of library.papers) for (const key of [paper.key, ...(paper.aliases ?? [])]) byKey.set(key, paper);
  const named = (key: string) => library.problems.some((p) => p.message.includes(`"${key}"`));
  const titles: FixtureComparison['titles'] = [];
  for (const entry of found) {
    const paper = byKey.get(entry.key);
    const own = entry.fields.title;
    if (!paper || typeof own !== 'string') continue;
    const subtitle = typeof entry.fields.subtitle === 'string' ? `: ${entry.fields.subtitle}` : '';
    const oracleTitle = own + subtitle;
    titles.push({ key: entry.key, oracle: oracleTitle, litnotes: paper.title, agree: comparableTitle(oracleTitle) === comparableTitle(paper.title) });
  }
  const result: FixtureComparison = {
    name,
    oracleKeys: found.map((e) => e.key),
    draftKeys: parsed.papers.flatMap((p) => (p.key ? [p.key] : [])),
    papers: library.papers,
    problems: library.problems,
    lost: found.map((e) => e.key).filter((key) => !byKey.has(key) && !named(key)),
    titles,
  };
  cache.set(name, result);
  return result;
}
