/**
 * The embedded corpus, loaded and assembled once for all unit tests that need
 * it. Tests run from the repository root, so paths are relative to process.cwd().
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleLibrarySteps, type Library } from '../../../src/core/library/library';
import { runToEnd } from '../../../src/core/slices';
import type { DraftParseResult, Paper } from '../../../src/core/model';
import { loadEmbeddedCorpus } from '../../../src/core/sources/corpus';
import { DEFAULT_TAXONOMY } from '../../../src/core/topics/taxonomy';

export const CORPUS_DIR = join(process.cwd(), 'media', 'corpus');

let draftsCache: DraftParseResult | undefined;
let libraryCache: Library | undefined;

/** The corpus text and metadata, exactly as shipped. */
export function corpusFiles(): { text: string; metadata: string } {
  return {
    text: readFileSync(join(CORPUS_DIR, 'efficient-llm-papers.txt'), 'utf8'),
    metadata: readFileSync(join(CORPUS_DIR, 'papers-metadata.json'), 'utf8'),
  };
}

/** The parsed corpus before merging, keys and topics (a fresh deep copy each call). */
export function corpusDrafts(): DraftParseResult {
  if (!draftsCache) {
    const { text, metadata } = corpusFiles();
    draftsCache = loadEmbeddedCorpus(text, metadata);
  }
  return structuredClone(draftsCache);
}

/** The assembled library: merged, keyed, classified with the default taxonomy. Shared; do not mutate. */
export function corpusLibrary(): Library {
  if (!libraryCache) libraryCache = runToEnd(assembleLibrarySteps([corpusDrafts()], DEFAULT_TAXONOMY));
  return libraryCache;
}

export function corpusPapers(): Paper[] {
  return corpusLibrary().papers;
}

/** The corpus paper whose title starts with `start`; throws when there is none. */
export function paperByTitle(start: string): Paper {
  const paper = corpusPapers().find((p) => p.title.startsWith(start));
  if (!paper) throw new Error(`no corpus paper titled "${start}..."`);
  return paper;
}
