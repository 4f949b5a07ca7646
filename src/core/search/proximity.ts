import type { Paper } from '../model';
import { MIN_COMPOUND_PART, MIN_HEAD } from './compounds';

/**
 * Phrase and proximity checks for the best candidates of a query, on their
 * text rather than on stored word positions (which would cost index memory):
 * only the top hundred or so papers are checked per keystroke, with plain
 * `indexOf` scans (regular expressions were several times slower here).
 *
 * Query words are adjacent when at most one short word (up to 4 letters, such
 * as a stop word the query dropped: "sparse attention for long sequences")
 * lies between them; the second may end a closed compound ("sparse
 * finetuning" for "sparse tuning"). A phrase takes the words as typed. Authors are checked one by one, so "Song Han" is an
 * author named Song Han, never Xia Song followed by Han Guo.
 */

export interface Proximity {
  /** The fraction of adjacent query-word pairs that occur adjacent, in order (0 to 1). */
  pairs(paper: Paper): number;
  /** Every query word, in order, adjacent to the next. */
  phrase(paper: Paper): boolean;
}

/** Between authors (and fields): nothing is adjacent across it. */
const STOP = '\u0000';
const STOP_CODE = 0;
const MAX_SKIPPED = 4;

function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code >= 128;
}

/** Whether `word` is at `at` in `text` and (unless `prefix`) ends there. */
function wordAt(text: string, at: number, word: string, prefix: boolean): boolean {
  return text.startsWith(word, at) && (prefix || !isWordCode(text.charCodeAt(at + word.length)));
}

/** Where the word after the separator at `from` starts, or -1 at a field boundary or the end. */
function nextWord(text: string, from: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === STOP_CODE) return -1;
    if (isWordCode(code)) return i;
  }
  return -1;
}

/** Whether the word at `at` is `word`, or (with `compound`) a closed compound ending with it: "finetuning" for "tuning". */
function wordOrCompoundAt(text: string, at: number, word: string, prefix: boolean, compound: boolean): boolean {
  if (wordAt(text, at, word, prefix)) return true;
  if (!compound || word.length < MIN_COMPOUND_PART) return false;
  let end = at;
  while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
  return end - at >= word.length + MIN_HEAD && text.startsWith(word, end - word.length);
}

/**
 * Where the word after the word ending at `end` starts, when it is `word`
 * (one short word may lie between), or -1. With `compound`, a compound
 * ending with `word` counts too, as the search matched it.
 */
function adjacent(text: string, end: number, word: string, prefix: boolean, compound = false): number {
  if (end < text.length && isWordCode(text.charCodeAt(end))) return -1;
  const next = nextWord(text, end);
  if (next < 0) return -1;
  if (wordOrCompoundAt(text, next, word, prefix, compound)) return next;
  let skip = next;
  while (skip < text.length && isWordCode(text.charCodeAt(skip))) skip++;
  if (skip - next > MAX_SKIPPED) return -1;
  const after = nextWord(text, skip);
  return after >= 0 && wordOrCompoundAt(text, after, word, prefix, compound) ? after : -1;
}

/** Calls `each` with every position where `word` starts a word of `text`, until `each` returns true. */
function someStart(text: string, word: string, each: (at: number) => boolean): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if ((at === 0 || !isWordCode(text.charCodeAt(at - 1))) && each(at)) return true;
  }
  return false;
}

/** Title, abstract and each author's name, lower case, with a stop between them. */
function haystack(paper: Paper): string {
  const authors = paper.authors.map((a) => (a.given ? `${a.given} ${a.family}` : a.family)).join(STOP);
  return `${paper.title}${STOP}${paper.abstract ?? ''}${STOP}${authors}`.toLowerCase();
}

/** `words` as the query has them (lower case, in order); the last may be a prefix still being typed. */
export function proximityOf(words: readonly string[]): Proximity | undefined {
  if (words.length < 2) return undefined;
  const last = words.length - 1;
  let cachedPaper: Paper | undefined;
  let cachedText = '';
  const textOf = (paper: Paper) => {
    if (paper !== cachedPaper) {
      cachedPaper = paper;
      cachedText = haystack(paper);
    }
    return cachedText;
  };
  const pairAt = (text: string, i: number) =>
    someStart(text, words[i], (at) => wordAt(text, at, words[i], false) && adjacent(text, at + words[i].length, words[i + 1], i + 1 === last, true) >= 0);
  return {
    pairs(paper) {
      const text = textOf(paper);
      let found = 0;
      for (let i = 0; i < last; i++) if (pairAt(text, i)) found++;
      return found / last;
    },
    phrase(paper) {
      const text = textOf(paper);
      return someStart(text, words[0], (start) => {
        if (!wordAt(text, start, words[0], false)) return false;
        let end = start + words[0].length;
        for (let i = 1; i <= last; i++) {
          const at = adjacent(text, end, words[i], i === last);
          if (at < 0) return false;
          end = at + words[i].length;
        }
        return true;
      });
    },
  };
}
