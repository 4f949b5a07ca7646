import { foldToAscii, STOP_WORDS } from '../text';
import { americanSpelling } from './spelling';
import { forEachTerm } from './tokenize';

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
  /** Slot → number of a word seen in ASCII text (-1: empty). */
  private slots = new Int32Array(INITIAL_SLOTS).fill(-1);
  /** Per word seen in ASCII text, as scanned (lower case): the word, its hash, its term number (-1: not indexed). */
  private readonly seen: string[] = [];
  private readonly seenHash: number[] = [];
  private readonly seenId: number[] = [];

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
    for (let i = 0; i <= text.length; i++) {
      let code = i < text.length ? text.charCodeAt(i) : 32;
      let outside = false;
      if (code >= 65 && code <= 90) code += 32;
      else if (code >= 128) {
        const kind = kindOf(code);
        if (kind === OTHER) return false;
        outside = kind === WORD;
      }
      // forEachTerm counts only ASCII digits as digits: a word character outside ASCII is a letter.
      const isDigit = code >= 48 && code <= 57;
      const wordChar = isDigit || (code >= 97 && code <= 122) || outside;
      // A word also ends where letters meet digits ("frantar2023sparsegpt"), as forEachTerm splits them.
      if (wordChar && (start < 0 || isDigit === digits)) {
        if (start < 0) {
          start = i;
          digits = isDigit;
          hash = 0x811c9dc5;
          folded = false;
        }
        if (outside) folded = true;
        hash = Math.imul(hash ^ code, 0x01000193);
        continue;
      }
      if (start < 0) continue;
      const id = folded ? this.foldedId(text, start, i) : this.wordId(text, start, i, hash);
      if (id >= 0) list.push(id);
      start = -1;
      if (wordChar) {
        start = i;
        digits = isDigit;
        hash = Math.imul(0x811c9dc5 ^ code, 0x01000193);
        folded = outside;
      }
    }
    return true;
  }

  /** The term number of a word with characters outside ASCII, `text[start, end)`, as forEachTerm spells it (-1 when not indexed). */
  private foldedId(text: string, start: number, end: number): number {
    const term = foldToAscii(text.slice(start, end).toLowerCase());
    return indexable(term) ? this.idOf(term) : -1;
  }

  /** The term number of the ASCII word `text[start, end)` (-1 when it is not indexed: a stop word or a single letter). */
  private wordId(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const w = this.slots[slot];
      if (w < 0) return this.addWord(text.slice(start, end).toLowerCase(), hash, slot);
      if (this.seenHash[w] !== hash) continue;
      const word = this.seen[w];
      if (word.length !== length) continue;
      let k = 0;
      for (; k < length; k++) {
        let code = text.charCodeAt(start + k);
        if (code >= 65 && code <= 90) code += 32;
        if (word.charCodeAt(k) !== code) break;
      }
      if (k === length) return this.seenId[w];
    }
  }

  private addWord(word: string, hash: number, slot: number): number {
    const id = indexable(word) ? this.idOf(word) : -1;
    const w = this.seen.length;
    this.seen.push(word);
    this.seenHash.push(hash);
    this.seenId.push(id);
    this.slots[slot] = w;
    if (this.seen.length * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let w = 0; w < this.seen.length; w++) {
      let slot = this.seenHash[w] & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = w;
    }
    this.slots = slots;
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
      const length = this.count === this.ids.length ? this.ids.length * 2 : this.ids.length;
      const grown = narrow && id <= 0xffff ? new Uint16Array(length) : new Uint32Array(length);
      grown.set(this.ids.subarray(0, this.count));
      this.ids = grown;
    }
    this.ids[this.count++] = id;
  }
}
