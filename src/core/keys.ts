import type { Author } from './model';
import { ShardedSet } from './shardedMap';
import { runToEnd, type Steps } from './slices';
import { foldToAscii, STOP_WORDS } from './text';

/** Words skipped when picking the "first significant" title word. */
const KEY_SKIP_WORDS = new Set([...STOP_WORDS, 'on', 'beyond', 'about', 'through']);

function asciiWord(text: string): string {
  return foldToAscii(text).toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The readable base key in the common style: family name of the first
 * author, year, first significant title word (`ashkboos2024slicegpt`).
 * ASCII only; parts that are missing are simply left out.
 */
export function baseKey(paper: { authors: Author[]; year?: number; title: string }): string {
  const family = paper.authors[0]?.family ?? '';
  // A multi-word family name keeps its last word ("de la Cruz" -> "cruz").
  const familyWord = asciiWord(family.split(/\s+/).filter(Boolean).pop() ?? '') || 'anon';
  const titleWords = foldToAscii(paper.title).toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const word = titleWords.find((w) => !KEY_SKIP_WORDS.has(w) && /[a-z]/.test(w)) ?? titleWords[0] ?? '';
  return `${familyWord}${paper.year ?? ''}${word}`;
}

/** `a`, `b`, …, `z`, `aa`, `ab`, … for the n-th collision (0-based). */
export function collisionSuffix(n: number): string {
  let suffix = '';
  let i = n;
  do {
    suffix = String.fromCharCode(97 + (i % 26)) + suffix;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return suffix;
}

/**
 * Gives every paper without a key a generated one, unique among all keys.
 * Stable across runs: colliding papers get their suffixes in title order,
 * not in load order, so the same library always yields the same keys.
 */
export function assignKeys<T extends Keyable>(papers: T[]): Array<T & { key: string }> {
  return runToEnd(assignKeysSteps(papers));
}

type Keyable = { key?: string; authors: Author[]; year?: number; title: string; generatedKey?: boolean };

/** `assignKeys` step by step (a library of 100k papers takes a while). */
export function* assignKeysSteps<T extends Keyable>(papers: T[]): Steps<Array<T & { key: string }>> {
  // Sharded: every key of a 100k library (see ShardedSet).
  const taken = new ShardedSet();
  const groups = new Map<string, T[]>();
  for (let i = 0; i < papers.length; i++) {
    const paper = papers[i];
    if ((i & 0x3ff) === 0x3ff) yield;
    if (paper.key) {
      taken.add(paper.key);
      continue;
    }
    const base = baseKey(paper);
    const group = groups.get(base);
    if (group) group.push(paper); else groups.set(base, [paper]);
  }
  yield;
  let keyed = 0;
  // Groups in key order and papers by title: the result never depends on load order.
  for (const [base, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    group.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
    let n = 0;
    for (const paper of group) {
      let key = base;
      while (taken.has(key)) key = base + collisionSuffix(n++);
      taken.add(key);
      paper.key = key;
      paper.generatedKey = true;
      if ((++keyed & 0x3ff) === 0) yield;
    }
  }
  return papers as Array<T & { key: string }>;
}
