/**
 * Deterministic synthetic BibTeX libraries for the benchmark.
 *
 * Everything is drawn from a seeded PRNG over material taken from the
 * embedded corpus (media/corpus): abstracts are recombined from corpus
 * sentences (openers, middles and closers kept in their roles) with numbers
 * varied and a per-paper method name woven in, to a length drawn from the
 * corpus's own abstract lengths; titles recombine corpus title fragments;
 * authors recombine the corpus's family and given names. Years 2015–2025,
 * venues, keys, keywords, DOIs and arXiv ids are unique per paper so no two
 * entries merge as duplicates.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DraftPaper } from '../src/core/model';
import { loadEmbeddedCorpus } from '../src/core/sources/corpus';
import { DEFAULT_TAXONOMY } from '../src/core/topics/taxonomy';

/** Bump when the output changes, so cached files in bench/data are regenerated. */
export const GENERATOR_VERSION = 3;

export function repoRoot(): string {
  // out/bench/generate.js → repo root; also works from bench/ under ts-node.
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'media', 'corpus'))) return dir;
    dir = join(dir, '..');
  }
  return process.cwd();
}

/** Where generated libraries and child results go (created on first use; git ignores it). */
export function dataDir(): string {
  const dir = join(repoRoot(), 'bench', 'data');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CorpusMaterial {
  papers: DraftPaper[];
  openers: string[];
  middles: string[];
  closers: string[];
  abstractLengths: number[];
  titleHeads: string[];
  titleTails: string[];
  families: string[];
  givens: string[];
  venues: string[];
  keywords: string[];
}

export function loadCorpus(): DraftPaper[] {
  const dir = join(repoRoot(), 'media', 'corpus');
  const text = readFileSync(join(dir, 'efficient-llm-papers.txt'), 'utf8');
  const meta = readFileSync(join(dir, 'papers-metadata.json'), 'utf8');
  return loadEmbeddedCorpus(text, meta).papers;
}

function splitSentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z(])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
}

export function corpusMaterial(papers: DraftPaper[] = loadCorpus()): CorpusMaterial {
  const openers: string[] = [];
  const middles: string[] = [];
  const closers: string[] = [];
  const abstractLengths: number[] = [];
  const titleHeads: string[] = [];
  const titleTails: string[] = [];
  const families = new Set<string>();
  const givens = new Set<string>();
  const venues = new Set<string>();
  for (const p of papers) {
    if (p.abstract) {
      abstractLengths.push(p.abstract.length);
      // Drop code links: a recombined abstract should not claim a real repository.
      const sentences = splitSentences(p.abstract).filter((s) => !/https?:\/\//.test(s));
      sentences.forEach((s, i) => {
        if (i === 0) openers.push(s);
        else if (i === sentences.length - 1) closers.push(s);
        else middles.push(s);
      });
    }
    const colon = p.title.indexOf(': ');
    if (colon > 0) {
      titleHeads.push(p.title.slice(0, colon));
      titleTails.push(p.title.slice(colon + 2));
    } else {
      titleTails.push(p.title);
    }
    for (const a of p.authors) {
      families.add(a.family);
      if (a.given) givens.add(a.given);
    }
    if (p.venue) venues.add(p.venue.replace(/\s*\(?\d{4}\)?$/, '').trim());
  }
  for (const v of ['NeurIPS', 'ICML', 'ICLR', 'ACL', 'EMNLP', 'NAACL', 'COLM', 'MLSys', 'AAAI', 'TMLR', 'JMLR', 'arXiv preprint']) venues.add(v);
  const keywords = new Set<string>();
  for (const topic of DEFAULT_TAXONOMY) {
    for (const k of topic.keywords) {
      const phrase = k.replace(/\^[\d.]+$/, '').trim();
      if (!phrase.includes('*') && phrase.length >= 4) keywords.add(phrase);
    }
  }
  return {
    papers,
    openers,
    middles,
    closers,
    abstractLengths,
    titleHeads,
    titleTails,
    families: [...families].sort(),
    givens: [...givens].sort(),
    venues: [...venues].filter(Boolean).sort(),
    keywords: [...keywords].sort(),
  };
}

const SYLLABLES = ['Spa', 'Quant', 'Flex', 'Lo', 'Ra', 'Mo', 'Zo', 'Kv', 'Pru', 'Dist', 'Sp', 'Ec', 'Ada', 'Tok', 'Att', 'Me', 'Hi', 'Ge', 'Lin', 'Fast', 'Mix', 'Cache', 'Shift', 'Drop', 'Fuse', 'Ten', 'Ro', 'Sk', 'Vi', 'Tri'];
const SUFFIXES = ['', '', 'LM', 'GPT', 'Net', 'Former', 'MoE', 'KV', 'Q', 'Zip', 'Opt', '-2', '++', 'X'];
const CONNECTORS = [' for ', ' via ', ' with ', ' in ', ' through ', ': ', ' beyond '];

/** Entry types and how often they appear. */
const TYPES: Array<[string, number]> = [['inproceedings', 0.55], ['article', 0.25], ['misc', 0.2]];

function bibEscape(text: string): string {
  return text
    .replace(/[{}\\]/g, '')
    .replace(/([%&#$_])/g, '\\$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function asciiWord(s: string): string {
  return s.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface GeneratedLibrary {
  text: string;
  count: number;
  bytes: number;
}

/** The BibTeX text of a library of `count` papers; same seed and count, same text. */
export function generateBibtex(count: number, seed = 20250101, material: CorpusMaterial = corpusMaterial()): string {
  const rand = prng(seed ^ count);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  // Corpus titles are taken, so no generated paper merges with the embedded library.
  // (Compared in lower case only: a few titles differing just in punctuation do merge, 72 at 100k.)
  const titles = new Set<string>(material.papers.map((p) => p.title.toLowerCase()));
  const keys = new Set<string>();
  const out: string[] = [];
  out.push(`% Synthetic LitNotes benchmark library: ${count} papers, generator v${GENERATOR_VERSION}, seed ${seed}.\n`);
  out.push('@string{arxiv = "arXiv preprint"}\n');

  const methodName = (): string => {
    let name = pick(SYLLABLES) + pick(SYLLABLES).toLowerCase();
    if (rand() < 0.5) name += pick(SYLLABLES);
    return name + pick(SUFFIXES);
  };

  const varyNumbers = (s: string): string =>
    s.replace(/\b(\d+(?:\.\d+)?)(×|x|%|B|K|M)?/g, (m, num: string, unit: string | undefined) => {
      if (/^(19|20)\d\d$/.test(num)) return m; // leave years alone
      if (rand() < 0.5) return m;
      const v = Number(num) * (0.5 + rand() * 1.5);
      const shown = num.includes('.') ? v.toFixed(1) : String(Math.max(1, Math.round(v)));
      return shown + (unit ?? '');
    });

  for (let i = 0; i < count; i++) {
    const name = methodName();
    // Title: corpus fragments recombined; half carry the method name in front.
    let title = '';
    for (let attempt = 0; attempt < 20; attempt++) {
      const tail = pick(material.titleTails);
      let body = tail;
      if (rand() < 0.5) {
        const other = pick(material.titleTails);
        const cut = other.search(/ (?:for|via|with|in|through|beyond) /);
        const head = cut > 0 ? other.slice(0, cut) : other.split(' ').slice(0, 4).join(' ');
        const tailCut = tail.search(/ (?:for|via|with|in|through|beyond) /);
        body = head + pick(CONNECTORS).replace(': ', ' for ') + (tailCut > 0 ? tail.slice(tailCut).replace(/^ \w+ /, '') : tail);
      }
      title = rand() < 0.5 || attempt > 3 ? `${attempt > 3 ? name + (attempt > 10 ? ` ${attempt}` : '') : name}: ${body}` : body;
      if (!titles.has(title.toLowerCase())) break;
    }
    titles.add(title.toLowerCase());

    // Abstract: opener, middles, closer, to a corpus-like length.
    const target = pick(material.abstractLengths) * (0.85 + rand() * 0.3);
    const parts: string[] = [varyNumbers(pick(material.openers))];
    let length = parts[0].length;
    const closer = varyNumbers(pick(material.closers));
    let named = false;
    while (length + closer.length < target) {
      let s = varyNumbers(pick(material.middles));
      if (!named && rand() < 0.4) {
        s = `We call the resulting method ${name}. ${s}`;
        named = true;
      }
      parts.push(s);
      length += s.length + 1;
    }
    if (!named) parts.push(`We release ${name} as open source.`);
    parts.push(closer);
    const abstract = parts.join(' ');

    const authorCount = Math.min(12, Math.max(1, Math.round(2 + rand() * 4 + (rand() < 0.1 ? rand() * 8 : 0))));
    const authors: string[] = [];
    for (let a = 0; a < authorCount; a++) authors.push(`${pick(material.families)}, ${pick(material.givens)}`);
    const firstFamily = authors[0].split(',')[0];

    const year = int(2015, 2025);
    const titleWord = (title.toLowerCase().match(/[a-z][a-z0-9]{2,}/g) ?? ['paper']).find((w) => !['the', 'and', 'for', 'via', 'with', 'towards'].includes(w)) ?? 'paper';
    let key = `${asciiWord(firstFamily.split(' ').pop() ?? '') || 'anon'}${year}${titleWord}`;
    if (keys.has(key)) {
      let n = 2;
      while (keys.has(`${key}${n}`)) n++;
      key = `${key}${n}`;
    }
    keys.add(key);

    const r = rand();
    let acc = 0;
    let type = 'misc';
    for (const [t, share] of TYPES) {
      acc += share;
      if (r < acc) {
        type = t;
        break;
      }
    }
    const venue = pick(material.venues);
    const fields: string[] = [];
    fields.push(`  title = {${bibEscape(title)}}`);
    fields.push(`  author = {${authors.map(bibEscape).join(' and ')}}`);
    fields.push(`  year = {${year}}`);
    if (type === 'inproceedings') fields.push(`  booktitle = {${bibEscape(venue)} ${year}}`);
    else if (type === 'article') fields.push(`  journal = {${bibEscape(venue)}}`, `  volume = {${int(1, 40)}}`, `  pages = {${int(1, 900)}--${int(901, 1200)}}`);
    else fields.push('  howpublished = arxiv');
    fields.push(`  abstract = {${bibEscape(abstract)}}`);
    if (rand() < 0.6) {
      const kws = new Set<string>();
      const n = int(1, 5);
      for (let k = 0; k < n; k++) kws.add(pick(material.keywords));
      fields.push(`  keywords = {${[...kws].join(', ')}}`);
    }
    if (rand() < 0.5) fields.push(`  doi = {10.5555/litnotes-bench.${count}.${i}}`);
    if (type === 'misc' || rand() < 0.4) {
      const yy = String(year % 100).padStart(2, '0');
      const mm = String(int(1, 12)).padStart(2, '0');
      fields.push(`  eprint = {${yy}${mm}.${String(i).padStart(5, '0')}}`, '  archiveprefix = {arXiv}');
    }
    if (rand() < 0.3) fields.push(`  url = {https://example.org/papers/${key}}`);
    out.push(`@${type}{${key},\n${fields.join(',\n')}\n}\n`);
  }
  return out.join('\n');
}

/** Path of the cached library of this size, generating it first if needed. */
export function ensureLibrary(count: number, log: (msg: string) => void = () => undefined): { path: string; generatedMs?: number } {
  const dir = dataDir();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `library-${count}-v${GENERATOR_VERSION}.bib`);
  if (existsSync(path)) return { path };
  const t0 = performance.now();
  const text = generateBibtex(count);
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  const generatedMs = performance.now() - t0;
  log(`generated ${count} papers (${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB) in ${(generatedMs / 1000).toFixed(1)} s → ${path}`);
  return { path, generatedMs };
}

if (require.main === module) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const n of sizes.length ? sizes : [1000, 10000, 100000]) ensureLibrary(n, (m) => console.log(m));
}
