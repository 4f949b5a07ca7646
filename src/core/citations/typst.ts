import { Masker } from './mask';
import type { Citation } from './types';

const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_-]*/uy;
const REFERENCE = /@([\p{L}\p{N}_][\p{L}\p{N}_\-:.]*)/uy;
const LABEL = /<([\p{L}\p{N}_\-:.]+)>/uy;
const URL = /(?:https?|ftp):\/\/[^\s<>\[\]()"]*/y;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** Keywords after `#` that start a code line (`#let`, `#import "@preview/…"`, …). */
const LINE_KEYWORDS = new Set(['let', 'set', 'show', 'import', 'include', 'if', 'else', 'for', 'while', 'return', 'context', 'break', 'continue']);

export interface TypstAnalysis {
  citations: Citation[];
  /** The text with raw blocks, comments, code strings, math and URLs blanked. */
  masked: string;
}

/**
 * Reads Typst markup and the code embedded in it: `@key` references (not the
 * ones naming a `<label>` defined in the document, which are cross-references)
 * and `#cite(<key>)` / `#cite(label("key"))` calls. Raw text, comments,
 * strings in code (`#import "@preview/…"`), math and URLs are skipped.
 */
export function analyzeTypst(text: string): TypstAnalysis {
  const masker = new Masker(text);
  const citations: Citation[] = [];
  const labels = new Set<string>();
  let i = 0;
  const n = text.length;

  const at = (pattern: RegExp) => {
    pattern.lastIndex = i;
    return pattern.exec(text);
  };
  const skipTo = (end: number) => {
    masker.blank(i, end);
    i = end;
  };
  const comment = (): boolean => {
    if (text.startsWith('//', i)) {
      const eol = text.indexOf('\n', i);
      skipTo(eol === -1 ? n : eol);
      return true;
    }
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      skipTo(close === -1 ? n : close + 2);
      return true;
    }
    return false;
  };
  const raw = () => {
    let ticks = 0;
    while (text[i + ticks] === '`') ticks++;
    if (ticks === 2) return skipTo(i + 2);
    const close = text.indexOf('`'.repeat(ticks), i + ticks);
    skipTo(close === -1 ? n : close + ticks);
  };
  const string = () => {
    let j = i + 1;
    while (j < n && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    skipTo(Math.min(n, j + 1));
  };

  const markup = (inBlock: boolean) => {
    let depth = 0;
    while (i < n) {
      const c = text[i];
      if (c === '\\') i += 2;
      else if (comment()) continue;
      else if (c === '`') raw();
      else if (c === '$') {
        let j = i + 1;
        while (j < n && text[j] !== '$') j += text[j] === '\\' ? 2 : 1;
        skipTo(Math.min(n, j + 1));
      } else if ((c === 'h' || c === 'f') && (i === 0 || !WORD_CHAR.test(text[i - 1])) && at(URL)) skipTo(i + (at(URL) as RegExpExecArray)[0].length);
      else if (c === '<' && at(LABEL)) {
        const m = at(LABEL) as RegExpExecArray;
        labels.add(m[1]);
        i += m[0].length;
      } else if (c === '@') reference();
      else if (c === '#') {
        i++;
        expression();
      } else if (c === '[') {
        depth++;
        i++;
      } else if (c === ']') {
        if (depth === 0 && inBlock) {
          i++;
          return;
        }
        depth = Math.max(0, depth - 1);
        i++;
      } else i++;
    }
  };

  const reference = () => {
    const start = i;
    const m = i > 0 && WORD_CHAR.test(text[i - 1]) ? null : at(REFERENCE);
    if (!m) {
      i++;
      return;
    }
    // Trailing `.` and `:` end a sentence, not the key.
    const key = m[1].replace(/[.:]+$/, '');
    i = start + 1 + key.length;
    citations.push({ form: 'reference', start, end: i, keys: [{ key, start: start + 1, end: i }] });
    if (text[i] === '[') {
      i++;
      markup(true); // the supplement, `@key[p. 7]`
    }
  };

  /** One embedded expression after `#`. */
  const expression = () => {
    const c = text[i];
    if (c === '{' || c === '(') {
      i++;
      code(c === '{' ? '}' : ')');
      return;
    }
    if (c === '[') {
      i++;
      markup(true);
      return;
    }
    const id = at(IDENTIFIER);
    if (!id) return;
    if (LINE_KEYWORDS.has(id[0])) {
      i += id[0].length;
      code('\n');
      return;
    }
    callChain();
  };

  /** `name`, `a.b`, `f(args)[content]`, … as far as it goes. */
  const callChain = () => {
    for (;;) {
      const id = at(IDENTIFIER);
      if (!id) return;
      const start = i;
      i += id[0].length;
      for (;;) {
        if (text[i] === '(') {
          if (id[0] === 'cite') citeCall(start);
          else {
            i++;
            code(')');
          }
        } else if (text[i] === '[') {
          i++;
          markup(true);
        } else break;
      }
      if (text[i] === '.' && /[\p{L}_]/u.test(text[i + 1] ?? '')) i++;
      else return;
    }
  };

  /** `cite(<key>, …)` or `cite(label("key"), …)`; `i` is at the `(`. */
  const citeCall = (start: number) => {
    i++;
    while (text[i] === ' ') i++;
    let key: { key: string; start: number; end: number } | undefined;
    const label = at(LABEL);
    const byName = /label\(\s*"([^"\n]+)"\s*\)/y;
    byName.lastIndex = i;
    const named = byName.exec(text);
    if (label) {
      key = { key: label[1], start: i + 1, end: i + 1 + label[1].length };
      i += label[0].length;
    } else if (named) {
      const keyStart = i + named[0].indexOf('"') + 1;
      key = { key: named[1], start: keyStart, end: keyStart + named[1].length };
      i += named[0].length;
      masker.blank(keyStart - 1, keyStart + named[1].length + 1);
    }
    code(')');
    const from = start > 0 && text[start - 1] === '#' ? start - 1 : start;
    if (key) citations.push({ form: 'command', start: from, end: i, keys: [key] });
  };

  /** Code until its closing bracket (or the end of the line, for `#let` and the like). */
  const code = (until: ')' | '}' | '\n') => {
    while (i < n) {
      const c = text[i];
      if (until === '\n' && c === '\n') return;
      if (comment()) continue;
      if (c === '"') string();
      else if (c === '`') raw();
      else if (c === '[') {
        i++;
        markup(true);
      } else if (c === '(' || c === '{') {
        i++;
        code(c === '(' ? ')' : '}');
      } else if (c === until) {
        i++;
        return;
      } else if (c === ')' || c === '}' || c === ']') {
        if (until === '\n') return;
        i++;
      } else if (at(IDENTIFIER) && (i === 0 || !/[\p{L}\p{N}_-]/u.test(text[i - 1]))) callChain();
      else i++;
    }
  };

  markup(false);
  const kept = citations.filter((c) => c.form !== 'reference' || !labels.has(c.keys[0].key));
  return { citations: kept.sort((a, b) => a.start - b.start), masked: masker.result() };
}

export function scanTypst(text: string): Citation[] {
  return analyzeTypst(text).citations;
}
