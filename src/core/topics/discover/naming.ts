/**
 * Names for discovered topics, from their own words: the words and two-word
 * phrases that are common in the topic and rarer in the library ("Coral ·
 * bleaching", "Accretion · black holes"). A phrase scores
 * share × log(share / library share), where share is the fraction of the
 * topic's papers using it: frequent in the topic and distinctive of it.
 *
 * Ids come from the same words (`d.coral-bleach-reef`), so the same library
 * gives the same ids, and a user's name for a topic survives a reload.
 */
import type { Steps } from '../../slices';
import { orderInSteps } from '../../sortInSteps';
import type { DiscoverablePaper, SparseVector, Vocabulary } from './features';
import { forEachStem } from './features';

export interface TopicWords {
  /** The defining words, best first, as written in the papers ("bleaching", "dark matter"). */
  words: string[];
  /** Their stems, for ids. */
  stems: string[];
}

/** Papers read per topic for phrases (phrases need the text, not just the vector). */
const PHRASE_SAMPLE = 150;
/** A defining word is used by at least this share of the topic's papers. */
const MIN_SHARE = 0.15;
export const DEFINING_WORDS = 8;

interface Phrase {
  stems: string;
  text: string;
}

/** The distinct two-word phrases of a paper (adjacent informative words of one field). */
function phrasesOf(paper: DiscoverablePaper): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of [paper.title ?? '', paper.abstract ?? '']) {
    let prevStem = '';
    let prevWord = '';
    forEachStem(text, (stem, word) => {
      if (prevStem && prevStem !== stem) {
        const key = `${prevStem} ${stem}`;
        if (!out.has(key)) out.set(key, `${prevWord} ${word}`);
      }
      prevStem = stem;
      prevWord = word;
    });
  }
  return out;
}

/** Library-wide phrase frequencies from an evenly spread sample. */
export function* phraseBackground(papers: readonly DiscoverablePaper[], sample = 2000): Steps<{ counts: Map<string, number>; n: number }> {
  const counts = new Map<string, number>();
  const step = Math.max(1, Math.floor(papers.length / sample));
  let n = 0;
  for (let i = 0; i < papers.length; i += step) {
    for (const key of phrasesOf(papers[i]).keys()) counts.set(key, (counts.get(key) ?? 0) + 1);
    n++;
    yield;
  }
  return { counts, n };
}

function distinctiveness(share: number, background: number): number {
  if (share < MIN_SHARE || share <= background) return 0;
  return share * Math.log(share / Math.max(background, 1e-6));
}

/**
 * The defining words of a topic whose members are `members` (indices into
 * `papers` and `vectors`).
 */
export function* topicWords(
  members: readonly number[],
  papers: readonly DiscoverablePaper[],
  vectors: readonly SparseVector[],
  vocabulary: Vocabulary,
  background: { counts: Map<string, number>; n: number },
): Steps<TopicWords> {
  const candidates: Array<{ score: number; share: number; stems: string[]; text: string }> = [];
  const used = new Int32Array(vocabulary.stems.length);
  for (let m = 0; m < members.length; m++) {
    const ids = vectors[members[m]].ids;
    for (let t = 0; t < ids.length; t++) used[ids[t]]++;
    if (m % 2000 === 1999) yield;
  }
  for (let id = 0; id < used.length; id++) {
    if (used[id] !== 0) {
      const score = distinctiveness(used[id] / members.length, vocabulary.df[id] / vocabulary.documents);
      if (score > 0) candidates.push({ score, share: used[id] / members.length, stems: [vocabulary.stems[id]], text: vocabulary.words[id] });
    }
    if ((id & 0x1fff) === 0x1fff) yield;
  }
  yield;
  const step = Math.max(1, Math.floor(members.length / PHRASE_SAMPLE));
  const phraseCounts = new Map<string, Phrase & { count: number }>();
  let sampled = 0;
  for (let i = 0; i < members.length; i += step) {
    for (const [stems, text] of phrasesOf(papers[members[i]])) {
      const p = phraseCounts.get(stems);
      if (p) p.count++;
      else phraseCounts.set(stems, { stems, text, count: 1 });
    }
    sampled++;
    yield;
  }
  for (const p of phraseCounts.values()) {
    if (p.count < 2) continue;
    const bg = (background.counts.get(p.stems) ?? 0) / Math.max(1, background.n);
    // A phrase says more than either word alone; it wins over them at equal spread.
    const score = 1.25 * distinctiveness(p.count / sampled, bg);
    if (score > 0) candidates.push({ score, share: p.count / sampled, stems: p.stems.split(' '), text: p.text });
  }
  yield;
  // Highest score first, ties by text; in steps (a large topic has tens of thousands of candidates: one sort took 30 ms).
  const order = yield* orderInSteps(candidates.length, (a, b) => {
    const d = candidates[b].score - candidates[a].score;
    return d < 0 || (d === 0 && candidates[a].text < candidates[b].text);
  });
  const ranked = Array.from(order, (i) => candidates[i]);
  const words: string[] = [];
  const stems: string[] = [];
  const taken = new Set<string>();
  for (let c of ranked) {
    if (c.stems.some((s) => taken.has(s))) continue;
    if (c.stems.length === 1) {
      // A word that mostly occurs in one phrase is named by the phrase ("gamma ray", not "ray").
      const phrase = ranked.find((p) => p.stems.length > 1 && p.stems.includes(c.stems[0]) && p.share >= 0.7 * c.share && !p.stems.some((s) => taken.has(s)));
      if (phrase) c = phrase;
    }
    c.stems.forEach((s) => taken.add(s));
    words.push(c.text);
    stems.push(c.stems.join('-'));
    if (words.length >= DEFINING_WORDS) break;
  }
  return { words, stems };
}

/** "Coral · bleaching": the two strongest defining words, the first capitalized. */
export function labelOf(words: readonly string[], fallback: string): string {
  if (words.length === 0) return fallback;
  const [first, second] = words;
  const head = first.charAt(0).toUpperCase() + first.slice(1);
  return second ? `${head} · ${second}` : head;
}

/** A stable id from the defining stems, unique among `taken`. */
export function idOf(prefix: string, stems: readonly string[], taken: Set<string>): string {
  const base = `${prefix}${stems.slice(0, 3).join('-').replace(/[^a-z0-9-]/g, '').slice(0, 48) || 'topic'}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
