/**
 * The fast path of the BibTeX entry mapper. citation-js reads every field
 * value through a general grammar (commands, math, environments, sentence
 * case) one token at a time, and that is four fifths of a large file's parse
 * time, most of it on abstracts that are plain text. Here a field value made
 * only of text, white space, braces and the escapes `\% \& \# \$ \_ \{ \}`
 * (what is left of the usual LaTeX once latexToUnicode has run) is read by a
 * small port of the same grammar rules. Any other value (a command, math,
 * `=` in a name, unbalanced braces) goes to citation-js's own reader, so the
 * result is the same by construction; the parsed values then go through
 * citation-js's own CSL mapping. test/unit/bibFastPath.test.ts compares the
 * two paths on every fixture file.
 */
import config from '@citation-js/plugin-bibtex/lib/config.js';
import { fieldTypes, ligatures } from '@citation-js/plugin-bibtex/lib/input/constants.js';
import { getStringCase, orderNamePieces, type NamePart } from '@citation-js/plugin-bibtex/lib/input/name.js';
import { parse as parseFieldValue, parseAnnotation } from '@citation-js/plugin-bibtex/lib/input/value.js';
import type { RawBibEntry } from '@citation-js/plugin-bibtex/lib/input/file.js';
import { parse as parsedEntriesToCsl } from '@citation-js/plugin-bibtex/lib/mapping/index.js';

/** The lexer states of citation-js's field grammar this reader knows. */
type LexState = 'braced' | 'names' | 'list' | 'separated';

type TokenType = 'text' | 'ws' | 'escape' | 'lbrace' | 'rbrace' | 'and' | 'comma' | 'hyphen';

interface Token {
  type: TokenType;
  value: string;
}

/** Thrown inside the reader when a value needs the careful path. */
const CAREFUL = Symbol('careful');

const ESCAPABLE = '&%$#_{}';
const WHITE = /\s/;
const WHITE_RUN = /\s+/y;
const AND_IN_NAMES = /\s+[aA][nN][dD]\s+/y;
const AND_IN_LIST = /\s+and\s+/y;
const LIGATURES = /---?|''|``|~/g;
/** Characters that end a text token, per state. */
const TEXT_STOP: Record<LexState, RegExp> = {
  braced: /[{$}\s~\\]/g,
  names: /[{$}\s~\\,=-]/g,
  list: /[{$}\s~\\]/g,
  separated: /[{$}\s~\\,]/g,
};

/**
 * One field's value as citation-js's field grammar reads it (a string, a list
 * of strings, or a list of CSL names), or undefined when only that grammar
 * can read it with certainty.
 */
export function fastFieldValue(text: string, field: string): unknown {
  const type = fieldTypes[field] ?? [];
  try {
    if (type[1] === 'name') {
      return type[0] === 'list' ? readNames(lex(text, 'names')) : undefined;
    }
    const rule = type[1] === 'title' ? 'string' : type[0] === 'field' ? type[1] : type[0];
    switch (rule) {
      case 'list':
        return readList(lex(text, 'list'));
      case 'separated':
        return readSeparated(lex(text, 'separated'));
      case 'verbatim':
        return /[{}\\$]/.test(text) ? undefined : text;
      case 'uri':
        return /[{}\\$]/.test(text) ? undefined : uri(text);
      default:
        return readPlainText(text);
    }
  } catch (e) {
    if (e === CAREFUL) return undefined;
    throw e;
  }
}

/**
 * citation-js's `entries.parse` (raw entries → CSL items) with field values
 * read by `fastFieldValue` where it can. Throws where that would throw.
 */
export function fastEntriesToCsl(entries: RawBibEntry[]): Array<Record<string, unknown>> {
  return parsedEntriesToCsl(entries.map(parseEntryValues));
}

/** True when citation-js's options are the ones the fast reader assumes (no strict checks, no sentence case). */
export function fastPathApplies(): boolean {
  return !config.parse.strict && config.parse.sentenceCase === 'never';
}

/** The per-entry step of citation-js's `entries.parse`, with the fast reader in front. */
function parseEntryValues(entry: RawBibEntry): RawBibEntry {
  const output: Record<string, unknown> = {};
  if ('language' in entry.properties) {
    output.language = parseFieldValue(String(entry.properties.language), 'language');
  }
  for (const property in entry.properties) {
    const value = entry.properties[property];
    if (value === '') continue;
    const text = String(value);
    const fast = fastFieldValue(text, property);
    output[property] = fast !== undefined ? fast : parseFieldValue(text, property, output.language);
  }
  for (const property in entry.annotations) {
    for (const annotation in entry.annotations[property]) {
      output[`${property}+an:${annotation}`] = parseAnnotation(entry.annotations[property][annotation]);
    }
  }
  return { ...entry, properties: output as RawBibEntry['properties'] };
}

/** The grammar's tokens for `text`, or CAREFUL for anything beyond text, spaces, braces and escapes. */
function lex(text: string, top: LexState): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let depth = 0;
  let i = 0;
  while (i < n) {
    const state: LexState = depth > 0 ? 'braced' : top;
    const c = text[i];
    if (WHITE.test(c)) {
      const and = state === 'names' ? AND_IN_NAMES : state === 'list' ? AND_IN_LIST : undefined;
      if (and) {
        and.lastIndex = i;
        if (and.test(text)) {
          tokens.push({ type: 'and', value: text.slice(i, and.lastIndex) });
          i = and.lastIndex;
          continue;
        }
      }
      WHITE_RUN.lastIndex = i;
      WHITE_RUN.test(text);
      tokens.push({ type: 'ws', value: ' ' });
      i = WHITE_RUN.lastIndex;
    } else if (c === '~') {
      tokens.push({ type: 'ws', value: '\xa0' });
      i++;
    } else if (c === ',' && (state === 'names' || state === 'separated')) {
      tokens.push({ type: 'comma', value: c });
      i++;
    } else if (c === '-' && state === 'names') {
      tokens.push({ type: 'hyphen', value: c });
      i++;
    } else if (c === '{') {
      tokens.push({ type: 'lbrace', value: c });
      depth++;
      i++;
    } else if (c === '}') {
      if (depth === 0) throw CAREFUL; // the grammar has no closing brace outside a group
      tokens.push({ type: 'rbrace', value: c });
      depth--;
      i++;
    } else if (c === '\\') {
      // An escape keeps the spaces the command token swallows after it: `\% ` → "% ".
      if (i + 1 >= n || !ESCAPABLE.includes(text[i + 1])) throw CAREFUL;
      let end = i + 2;
      while (text[end] === ' ') end++;
      tokens.push({ type: 'escape', value: text.slice(i + 1, end) });
      i = end;
    } else if (c === '$' || (c === '=' && state === 'names')) {
      throw CAREFUL;
    } else {
      const stop = TEXT_STOP[state];
      stop.lastIndex = i;
      const end = stop.exec(text)?.index ?? n;
      tokens.push({ type: 'text', value: text.slice(i, end) });
      i = end;
    }
  }
  if (depth !== 0) throw CAREFUL;
  return tokens;
}

/** A cursor over the tokens with the grammar's Text rule (no sentence case). */
class Reader {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  get atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  is(type: TokenType): boolean {
    return this.pos < this.tokens.length && this.tokens[this.pos].type === type;
  }

  take(type?: TokenType): Token {
    if (type && !this.is(type)) throw CAREFUL;
    return this.tokens[this.pos++];
  }

  skip(type: TokenType): void {
    if (this.is(type)) this.pos++;
  }

  /** One Text: a braced group (braces dropped), white space, an escape, or text with `--` ligatures. */
  text(): string {
    const token = this.take();
    switch (token.type) {
      case 'lbrace': {
        let out = '';
        while (!this.is('rbrace')) {
          if (this.atEnd) throw CAREFUL;
          out += this.text();
        }
        this.pos++;
        return out;
      }
      case 'ws':
      case 'escape':
        return token.value;
      case 'text':
        return ligate(token.value);
      default:
        throw CAREFUL;
    }
  }
}

/** Where the String rule does more than copy: braces, escapes, math, `~`, white space other than one space. */
const TEXT_SPECIAL = /[{}\\$~]|\s{2,}|[^\S ]/g;
const HAS_LIGATURE = /--|''|``/;

/**
 * The String rule straight from the text, without tokens: the runs between
 * special characters are copied whole (a single space is its own white-space
 * token and no ligature spans one), braces are dropped, white space becomes
 * one space, `~` a no-break space, and an escape its character with the
 * spaces after it.
 */
function readPlainText(text: string): string {
  let out = '';
  let depth = 0;
  let last = 0;
  TEXT_SPECIAL.lastIndex = 0;
  for (let m = TEXT_SPECIAL.exec(text); m; m = TEXT_SPECIAL.exec(text)) {
    out += ligate(text.slice(last, m.index));
    const c = m[0][0];
    if (c === '{') {
      depth++;
    } else if (c === '}') {
      if (--depth < 0) throw CAREFUL;
    } else if (c === '\\') {
      const next = text[m.index + 1];
      if (next === undefined || !ESCAPABLE.includes(next)) throw CAREFUL;
      let end = m.index + 2;
      while (text[end] === ' ') end++;
      out += text.slice(m.index + 1, end);
      TEXT_SPECIAL.lastIndex = end;
    } else if (c === '$') {
      throw CAREFUL;
    } else {
      out += c === '~' ? '\xa0' : ' ';
    }
    last = TEXT_SPECIAL.lastIndex;
  }
  if (depth !== 0) throw CAREFUL;
  return last === 0 ? ligate(text) : out + ligate(text.slice(last));
}

function ligate(run: string): string {
  return HAS_LIGATURE.test(run) ? run.replace(LIGATURES, (l) => ligatures[l]) : run;
}

/** `and`-separated literals: one string, or a list of them. */
function readList(tokens: Token[]): string | string[] {
  const r = new Reader(tokens);
  const list: string[] = [];
  while (!r.atEnd) {
    let out = '';
    while (!r.atEnd && !r.is('and')) out += r.text();
    list.push(out);
    r.skip('and');
  }
  return list.length === 1 ? list[0] : list;
}

/** Comma-separated literals, each trimmed. */
function readSeparated(tokens: Token[]): string[] {
  const r = new Reader(tokens);
  const list: string[] = [];
  while (!r.atEnd) {
    let out = '';
    while (!r.atEnd && !r.is('comma')) out += r.text();
    list.push(out.trim());
    r.skip('comma');
    r.skip('ws');
  }
  return list;
}

/** A name list: names split on `and`, each into comma-separated pieces ordered by BibTeX's rules. */
function readNames(tokens: Token[]): Array<Record<string, string>> {
  const r = new Reader(tokens);
  const names: Array<Record<string, string>> = [];
  for (;;) {
    r.skip('ws');
    names.push(readName(r));
    r.skip('ws');
    if (r.atEnd) return names;
    r.take('and');
  }
}

function readName(r: Reader): Record<string, string> {
  const pieces: NamePart[][] = [];
  for (;;) {
    pieces.push(readNamePiece(r));
    if (r.atEnd || r.is('and')) return orderNamePieces(pieces);
    r.take('comma');
    r.skip('ws');
  }
}

function readNamePiece(r: Reader): NamePart[] {
  const parts: NamePart[] = [];
  for (;;) {
    parts.push(readNameToken(r));
    if (r.atEnd || r.is('and') || r.is('comma')) return parts;
    while (r.is('hyphen') || r.is('ws')) r.take();
  }
}

function readNameToken(r: Reader): NamePart {
  let upperCase: boolean | null = null;
  let value = '';
  for (;;) {
    if (upperCase === null && r.is('text')) {
      const text = r.take().value;
      value += text;
      upperCase = getStringCase(text);
    } else if (r.atEnd || r.is('and') || r.is('comma') || r.is('ws')) {
      return { value, upperCase };
    } else if (r.is('hyphen')) {
      return { value, upperCase, hyphenated: true };
    } else {
      value += r.text();
    }
  }
}

/** The grammar's URI rule: encoded unless it already is. */
function uri(text: string): string {
  try {
    return decodeURI(text) === text ? encodeURI(text) : text;
  } catch {
    return encodeURI(text);
  }
}
