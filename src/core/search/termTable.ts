import { foldToAscii, STOP_WORDS } from '../text';
import { americanSpelling } from './spelling';
import { forEachTerm } from './tokenize';
import { release } from '../release';

// What forEachTerm reads as part of a word outside ASCII.
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** What a character outside ASCII is to the fast path (see `kindOf`). */
const SEPARATOR = 1;
const WORD = 2;
const OTHER = 3;
/** Per UTF-16 code unit from 128: 0 not yet known, else its kind. */
const nonAscii = new Uint8Array(0x10000);

/**
 * A character outside ASCII that lower-casing leaves as it is is a
 * SEPARATOR (dashes, quotes, symbols) or part of a WORD (é, ², a combining
 * mark), as forEachTerm reads it; anything else (capitals that lower-case
 * to another character, surrogates) is OTHER, which sends the text to
 * forEachTerm.
 */
function kindOf(code: number): number {
  let kind = nonAscii[code];
  if (kind === 0) {
    const char = String.fromCharCode(code);
    kind = (code >= 0xd800 && code <= 0xdfff) || char.toLowerCase() !== char ? OTHER : WORD_CHAR.test(char) ? WORD : SEPARATOR;
    nonAscii[code] = kind;
  }
  return kind;
}

/** What a character is to `readAscii`'s scan: not part of a word, a letter, a digit, a word character outside ASCII. */
const NONE = 0;
const LETTER = 1;
const DIGIT = 2;
const FOLDED = 3;
/** Per ASCII code: its kind, and its lower case (one table lookup per character instead of a chain of range tests). */
const ASCII_KIND = new Uint8Array(128);
const ASCII_LOWER = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const upper = code >= 65 && code <= 90;
  ASCII_LOWER[code] = upper ? code + 32 : code;
  ASCII_KIND[code] = code >= 48 && code <= 57 ? DIGIT : upper || (code >= 97 && code <= 122) ? LETTER : NONE;
}

/** What forEachTerm keeps: words of two characters or more, and single digits, that are not stop words. */
function indexable(term: string): boolean {
  return (term.length > 1 || (term >= '0' && term <= '9')) && !STOP_WORDS.has(term);
}
/** Open addressing: the table is kept at most half full. */
const INITIAL_SLOTS = 1 << 16;

/**
 * Term numbers for an index build: a word and its British spelling share
 * the American word's number ("tumour" is "tumor").
 *
 * `read` finds the numbers of a text's words as `forEachTerm` reads them.
 * Tokenising is most of an index build's time; it hashes each ASCII word
 * as it scans, and finds a word it has seen without making a string of it (a
 * new string per word, and hashing it in a Map, is what costs). A word with
 * characters outside ASCII is made and folded as forEachTerm does; text
 * whose lower case is not letter for letter (capitals outside ASCII) takes
 * `forEachTerm` itself.
 */
export class TermTable {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  /**
   * The words seen in ASCII text, as scanned (lower case), by hash: per slot
   * its hash, term number (-1: not indexed), start in `pool` and length (0:
   * an empty slot). Flat arrays, so finding a word touches a slot and its
   * letters, not a string and three arrays of their own.
   */
  private entries = new Int32Array(INITIAL_SLOTS * 4);
  private words = 0;
  /** The words' letters, one after another. */
  private pool = new Uint8Array(INITIAL_SLOTS * 8);
  private poolUsed = 0;

  idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      const word = americanSpelling(term);
      id = this.ids.get(word);
      if (id === undefined) {
        id = this.terms.length;
        this.ids.set(word, id);
        this.terms.push(word);
      }
      this.ids.set(term, id);
    }
    return id;
  }

  /** Adds the term numbers of `text`'s indexed words to `list`, in order; returns how many. */
  read(text: string, list: TermList): number {
    const before = list.count;
    if (!this.readAscii(text, list)) {
      list.count = before;
      forEachTerm(text, (term) => list.push(this.idOf(term)));
    }
    return list.count - before;
  }

  /**
   * `read` for text whose characters keep their place when lower-cased
   * (nearly all text): ASCII words are found by their hash; a word with a
   * letter, digit or mark outside ASCII (rare) is folded as forEachTerm folds
   * it. False, part read, for any other text.
   */
  private readAscii(text: string, list: TermList): boolean {
    let start = -1;
    let digits = false;
    let hash = 0;
    let folded = false;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const char = text.charCodeAt(i);
      let kind: number;
      let code = char;
      if (char < 128) {
        kind = ASCII_KIND[char];
        code = ASCII_LOWER[char];
      } else {
        const outside = kindOf(char);
        if (outside === OTHER) return false;
        kind = outside === WORD ? FOLDED : NONE;
      }
      if (kind === NONE) {
        if (start >= 0) this.endWord(text, start, i, hash, folded, list);
        start = -1;
        continue;
      }
      // forEachTerm counts only ASCII digits as digits: a word character outside ASCII is a letter.
      const isDigit = kind === DIGIT;
      // A word also ends where letters meet digits ("frantar2023sparsegpt"), as forEachTerm splits them.
      if (start >= 0 && isDigit !== digits) {
        this.endWord(text, start, i, hash, folded, list);
        start = -1;
      }
      if (start < 0) {
        start = i;
        digits = isDigit;
        hash = 0x811c9dc5;
        folded = false;
      }
      if (kind === FOLDED) folded = true;
      hash = Math.imul(hash ^ code, 0x01000193);
    }
    if (start >= 0) this.endWord(text, start, length, hash, folded, list);
    return true;
  }

  /** Adds the number of the word `text[start, end)` (hashed as scanned) to `list`, when it is indexed. */
  private endWord(text: string, start: number, end: number, hash: number, folded: boolean, list: TermList): void {
    const id = folded ? this.foldedId(text, start, end) : this.wordId(text, start, end, hash);
    if (id >= 0) list.push(id);
  }

  /** The term number of a word with characters outside ASCII, `text[start, end)`, as forEachTerm spells it (-1 when not indexed). */
  private foldedId(text: string, start: number, end: number): number {
    const term = foldToAscii(text.slice(start, end).toLowerCase());
    return indexable(term) ? this.idOf(term) : -1;
  }

  /** The term number of the ASCII word `text[start, end)` (-1 when it is not indexed: a stop word or a single letter). */
  private wordId(text: string, start: number, end: number, hash: number): number {
    const entries = this.entries;
    const mask = (entries.length >> 2) - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot << 2;
      const seenLength = entries[at + 3];
      if (seenLength === 0) return this.addWord(text, start, end, hash, slot);
      if (entries[at] !== hash || seenLength !== length) continue;
      const pool = this.pool;
      const from = entries[at + 2];
      let k = 0;
      while (k < length && pool[from + k] === ASCII_LOWER[text.charCodeAt(start + k)]) k++;
      if (k === length) return entries[at + 1];
    }
  }

  private addWord(text: string, start: number, end: number, hash: number, slot: number): number {
    const word = text.slice(start, end).toLowerCase();
    const id = indexable(word) ? this.idOf(word) : -1;
    if (this.poolUsed + word.length > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + word.length));
      pool.set(this.pool.subarray(0, this.poolUsed));
      release(this.pool);
      this.pool = pool;
    }
    for (let k = 0; k < word.length; k++) this.pool[this.poolUsed + k] = word.charCodeAt(k);
    const at = slot << 2;
    this.entries[at] = hash;
    this.entries[at + 1] = id;
    this.entries[at + 2] = this.poolUsed;
    this.entries[at + 3] = word.length;
    this.poolUsed += word.length;
    if (++this.words * 2 > this.entries.length >> 2) this.grow();
    return id;
  }

  /** Frees the table's hash arrays now (see `release`), once it has read its text; its terms stay, and it could read on (from small arrays). */
  release(): void {
    release(this.entries);
    release(this.pool);
    this.entries = new Int32Array(4 * 4);
    this.pool = new Uint8Array(4 * 8);
    this.words = 0;
    this.poolUsed = 0;
  }

  private grow(): void {
    const old = this.entries;
    const entries = new Int32Array(old.length * 2);
    const mask = (entries.length >> 2) - 1;
    for (let from = 0; from < old.length; from += 4) {
      if (old[from + 3] === 0) continue;
      let slot = old[from] & mask;
      while (entries[(slot << 2) + 3] !== 0) slot = (slot + 1) & mask;
      entries.set(old.subarray(from, from + 4), slot << 2);
    }
    release(old);
    this.entries = entries;
  }
}

/**
 * A growing list of term numbers: 16 bits each while every number fits (a
 * batch of papers has fewer than 65,536 distinct words unless it is large
 * and varied), then 32. At 65,536 corpus-like papers the list is some 15
 * million numbers, so this halves the largest allocation of an index build.
 */
export class TermList {
  ids: Uint16Array | Uint32Array;
  count = 0;

  constructor(expected = 1024) {
    this.ids = new Uint16Array(Math.max(1024, expected));
  }

  push(id: number): void {
    const narrow = this.ids instanceof Uint16Array;
    if (this.count === this.ids.length || (narrow && id > 0xffff)) {
      // A quarter more, not twice: a list is sized for its text, so it grows rarely and by little.
      const length = this.count === this.ids.length ? Math.ceil(this.ids.length * 1.25) : this.ids.length;
      const grown = narrow && id <= 0xffff ? new Uint16Array(length) : new Uint32Array(length);
      grown.set(this.ids.subarray(0, this.count));
      release(this.ids);
      this.ids = grown;
    }
    this.ids[this.count++] = id;
  }
}
