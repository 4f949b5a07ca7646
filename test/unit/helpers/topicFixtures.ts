import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Paper } from '../../../src/core/model';

/** A hand-labelled record of test/fixtures/topics (see its README). */
export interface LabelledRecord {
  title: string;
  abstract: string;
  keywords?: string[];
  /** The field (mixed-library set) or default-taxonomy topic (efficient-LLM set). */
  label: string;
}

const dir = join(process.cwd(), 'test', 'fixtures', 'topics');

function read(file: string): LabelledRecord[] {
  const records = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Array<LabelledRecord & { field?: string }>;
  return records.map((r) => ({ title: r.title, abstract: r.abstract, keywords: r.keywords, label: r.field ?? r.label }));
}

/** 90 real papers from 6 fields (15 each), labelled by field. */
export function mixedFields(): LabelledRecord[] {
  return [...read('fields-marine-astro.json'), ...read('fields-econ-ling-med-bio.json')];
}

/** The development set: 66 real papers from 8 fields, labelled by field; it tuned the discovery parameters, so it is no exam. */
export function devFields(): LabelledRecord[] {
  return [...read('dev-earth-space.json'), ...read('dev-engineering-econ.json')];
}

/** 27 real efficient-LLM papers outside the embedded 75, labelled with default-taxonomy topics. */
export function efficientLlm(): LabelledRecord[] {
  return read('efficient-llm.json');
}

/** Library papers for the records, keyed `prefix001`, `prefix002`, ... */
export function asPapers(records: readonly LabelledRecord[], prefix = 'p'): Paper[] {
  return records.map((r, i) => ({
    key: `${prefix}${String(i + 1).padStart(3, '0')}`,
    title: r.title,
    abstract: r.abstract,
    authors: [],
    keywords: r.keywords ?? [],
    topics: [],
    origin: { source: 'test', kind: 'text' },
  }));
}
