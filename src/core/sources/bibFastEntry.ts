/**
 * The fast path of BibTeX's entry grammar. citation-js reads an entry's
 * structure (type, key, fields, values) with a general lexer and grammar a
 * token at a time: a fifth of a large file's parse. Here one entry block of
 * the common shape (`@type{key, field = {…} # "…" # 12 # jan, …}`) is read by
 * a direct port of the same rules, and anything this reader is not certain
 * to read alike goes to citation-js's grammar instead: user @string macros,
 * annotations, a stray character, delimiters that do not pair. The result
 * is citation-js's raw entry by construction; test/unit/bibFastEntry.test.ts
 * compares the two on every block of every fixture file.
 */
import { defaultStrings } from '@citation-js/plugin-bibtex/lib/input/constants.js';
import type { RawBibEntry } from '@citation-js/plugin-bibtex/lib/input/file.js';

/** Whitespace and `%` comments between tokens (`.` stops at line ends, as in the grammar's lexer). */
const GAP = /(?:\s+|%.*)*/y;
const IDENTIFIER = /[a-zA-Z_][a-zA-Z0-9_:+-]*/y;
const NUMBER = /-?\d+/y;
const LABEL = /[^,\s]+/y;
/** Types the lexer reads as something else than an entry (it matches these prefixes first). */
const NOT_AN_ENTRY = /^(?:string|preamble|comment)/i;
/** Characters in a key that make the lexer's reading of it worth leaving to the grammar. */
const ODD_LABEL = /[{}()"%#=\\]/;
const CLOSING: Record<string, string> = { '{': '}', '(': ')' };
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const QUOTE = 34;

/** @string macros by lower-case name, as the grammar knows them at a point of a file. */
export type Macros = ReadonlyMap<string, string | number>;

/** The macros every file starts with (months, some journal names). */
export function defaultMacros(): Map<string, string | number> {
  return new Map(Object.entries(defaultStrings));
}

/**
 * The raw entry citation-js's file grammar reads from one entry block
 * (`text`, from `@` to its closing delimiter), or undefined when only that
 * grammar can say. `macros`: those in force (undefined: not known here, so
 * an entry that uses one goes to the grammar).
 */
export function fastRawEntry(text: string, macros: Macros | undefined): RawBibEntry | undefined {
  return new EntryReader(text, macros).entry();
}

/** The macro an @string block defines, as the grammar reads it (name in lower case, value), or undefined when only the grammar can say. */
export function fastMacro(text: string, macros: Macros | undefined): [string, string | number] | undefined {
  return new EntryReader(text, macros).macro();
}

class EntryReader {
  private at = 0;

  constructor(private readonly text: string, private readonly macros: Macros | undefined) {}

  macro(): [string, string | number] | undefined {
    const open = this.opening();
    if (open === undefined || this.type?.toLowerCase() !== 'string') return undefined;
    const name = this.match(IDENTIFIER)?.toLowerCase();
    if (name === undefined || name in Object.prototype) return undefined;
    const value = this.fieldValue();
    return value !== undefined && this.closing(open) ? [name, value] : undefined;
  }

  private type?: string;

  entry(): RawBibEntry | undefined {
    const { text } = this;
    const open = this.opening();
    if (open === undefined || this.type === undefined || NOT_AN_ENTRY.test(this.type)) return undefined;
    const label = this.match(LABEL);
    if (label === undefined || ODD_LABEL.test(label)) return undefined;
    this.gap();
    if (text.charAt(this.at) !== ',') return undefined;
    this.at++;
    this.gap();
    const properties: Record<string, string | number> = {};
    for (let name = this.match(IDENTIFIER); name !== undefined; name = this.match(IDENTIFIER)) {
      const field = name.toLowerCase();
      // Annotations (`author+an`) are filed apart by the grammar; a field named like Object's own keys is left to it too.
      if (field.includes('+an') || field in Object.prototype) return undefined;
      const value = this.fieldValue();
      if (value === undefined) return undefined;
      properties[field] = value;
      this.gap();
      if (text.charAt(this.at) !== ',') break;
      this.at++;
      this.gap();
    }
    return this.closing(open) ? { type: this.type.toLowerCase(), label, properties } : undefined;
  }

  /** `@type{`, read to what follows the delimiter; the delimiter, or undefined. */
  private opening(): string | undefined {
    const { text } = this;
    if (text.charAt(0) !== '@') return undefined;
    this.at = 1;
    this.gap();
    this.type = this.match(IDENTIFIER);
    this.gap();
    const open = text.charAt(this.at);
    if (CLOSING[open] === undefined) return undefined;
    this.at++;
    this.gap();
    return open;
  }

  /** True when the block ends here, with the delimiter that pairs with `open`. */
  private closing(open: string): boolean {
    this.gap();
    if (this.text.charAt(this.at) !== CLOSING[open]) return false;
    this.at++;
    this.gap();
    return this.at === this.text.length;
  }

  /** `= value` after a field's name. */
  private fieldValue(): string | number | undefined {
    this.gap();
    if (this.text.charAt(this.at) !== '=') return undefined;
    this.at++;
    this.gap();
    return this.expression();
  }

  /** Parts joined by `#`: a lone number stays a number, anything joined is text. */
  private expression(): string | number | undefined {
    let value = this.part();
    if (value === undefined) return undefined;
    this.gap();
    while (this.text.charAt(this.at) === '#') {
      this.at++;
      this.gap();
      const next = this.part();
      if (next === undefined) return undefined;
      value = `${value}${next}`;
      this.gap();
    }
    return value;
  }

  private part(): string | number | undefined {
    const name = this.match(IDENTIFIER);
    if (name !== undefined) {
      const macro = name.toLowerCase();
      if (!this.macros || macro in Object.prototype) return undefined;
      // As the grammar has it: an unknown macro, or one that is 0, reads as nothing.
      return this.macros.get(macro) || '';
    }
    const number = this.match(NUMBER);
    if (number !== undefined) return parseInt(number, 10);
    const first = this.text.charCodeAt(this.at);
    if (first === OPEN_BRACE) return this.delimited(this.braceEnd(this.at + 1));
    if (first === QUOTE) return this.delimited(this.quoteEnd(this.at + 1));
    return undefined;
  }

  /** The text between the delimiter at `at` and the one at `end` (-1: none), read past. */
  private delimited(end: number): string | undefined {
    if (end < 0) return undefined;
    const inside = this.text.slice(this.at + 1, end);
    this.at = end + 1;
    return inside;
  }

  /** Where the brace that closes one opened before `from` is; `\{`, `\}` and `\\` are text. */
  private braceEnd(from: number): number {
    const { text } = this;
    let depth = 1;
    for (let i = from; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === BACKSLASH) {
        const next = text.charCodeAt(i + 1);
        if (next === BACKSLASH || next === OPEN_BRACE || next === CLOSE_BRACE) i++;
      } else if (code === OPEN_BRACE) {
        depth++;
      } else if (code === CLOSE_BRACE && --depth === 0) {
        return i;
      }
    }
    return -1;
  }

  /** Where the quote that closes one opened before `from` is; braces inside are read as braces, `\\` and `\{` are text. */
  private quoteEnd(from: number): number {
    const { text } = this;
    for (let i = from; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === BACKSLASH) {
        const next = text.charCodeAt(i + 1);
        if (next === BACKSLASH || next === OPEN_BRACE) i++;
      } else if (code === OPEN_BRACE) {
        i = this.braceEnd(i + 1);
        if (i < 0) return -1;
      } else if (code === QUOTE) {
        return i;
      }
    }
    return -1;
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text);
    if (!found || found[0] === '') return undefined;
    this.at += found[0].length;
    return found[0];
  }

  private gap(): void {
    const { text } = this;
    let at = this.at;
    // Spaces, tabs and line ends by hand (nearly every gap); a comment or another space by the pattern.
    for (let code = text.charCodeAt(at); code === 32 || code === 10 || code === 9 || code === 13; code = text.charCodeAt(++at));
    const code = text.charCodeAt(at);
    if (code === 37 || code > 127 || (code >= 11 && code <= 12)) {
      GAP.lastIndex = at;
      if (GAP.exec(text)) at = GAP.lastIndex;
    }
    this.at = at;
  }
}
