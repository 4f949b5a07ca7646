import { foldToAscii, STOP_WORDS } from '../text';
import { americanSpelling } from './spelling';

// Outside ASCII, letters, digits and combining marks make words too.
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(code: number, text: string, at: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  // Surrogate halves: letters outside the Basic Multilingual Plane; rare, kept as word characters.
  if (code >= 0xd800 && code <= 0xdfff) return true;
  return WORD_CHAR.test(text[at]);
}

/** Stop words and single letters are not indexed; single digits are ("4-bit"). */
function keep(term: string): boolean {
  return (term.length > 1 || (term >= '0' && term <= '9')) && !STOP_WORDS.has(term);
}

/**
 * The index's one notion of a word, used for documents and queries alike:
 * calls `each` with every indexable term of `text`, in order (repeats
 * included): lower case, accents folded ("Müller" → "muller"). Runs of
 * letters and of digits are separate words ("gpt4" is gpt, 4), so a citation
 * key splits into its author, year and title word and adds no word of its own.
 * A hand-rolled scan rather than a regular expression: it runs over every
 * abstract of the library, and this is several times faster.
 */
export function forEachTerm(text: string, each: (term: string) => void): void {
  const lower = text.toLowerCase();
  let start = -1;
  let ascii = true;
  let digits = false;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
    const isDigit = code >= 48 && code <= 57;
    const wordChar = isWordChar(code, lower, i);
    // A word also ends where letters meet digits: "frantar2023sparsegpt" is frantar, 2023, sparsegpt.
    if (wordChar && (start < 0 || isDigit === digits)) {
      if (start < 0) {
        start = i;
        ascii = true;
        digits = isDigit;
      }
      if (code >= 128) ascii = false;
      continue;
    }
    if (start < 0) continue;
    const word = lower.slice(start, i);
    const wordIsAscii = ascii;
    start = -1;
    if (wordChar) {
      // Letters met digits (or the reverse): this character starts the next word.
      start = i;
      ascii = code < 128;
      digits = isDigit;
    }
    // Folding is only needed (and only paid for) outside ASCII.
    const term = wordIsAscii ? word : foldToAscii(word);
    if (keep(term)) each(term);
  }
}

/** The distinct terms of a query, in order, spelled as the index has them (American: "tumour" is "tumor"). */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  forEachTerm(query, (term) => {
    const word = americanSpelling(term);
    if (!terms.includes(word)) terms.push(word);
  });
  return terms;
}
