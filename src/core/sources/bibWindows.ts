/**
 * A BibTeX file's text, window by window: decoded from its bytes a window at
 * a time (or given whole), normalized (byte order mark, CR line ends, NUL
 * bytes) and scanned into blocks (bibScanner.ts). What a window's last block
 * leaves undecided starts the next window, so the blocks are those of the
 * whole text.
 */
import type { ByteSource } from '../load/byteSource';
import { lineAt } from '../lines';
import type { Problem } from '../model';
import type { Steps } from '../slices';
import { scanBibWindowSteps, type BibBlock } from './bibScanner';

/** Bytes decoded at a time when a file is read from its bytes. */
export const WINDOW_BYTES = 1 << 20;

/**
 * Windows' worth of text a block may leave undecided (an unclosed @comment
 * runs to the end of the file) before the rest of the file is read as one
 * window: scanning it again with every window would take quadratic time.
 */
export const CARRIED_WINDOWS = 8;

/** A file's text, to be read window by window (once more if crossref parents must be read again). */
export interface TextSource {
  /** Makes, each time it is called, the file's text in pieces that join to the whole. */
  pieces: () => Iterator<string>;
  source: string;
  /** Decoded from bytes here: invalid UTF-8 shows as U+FFFD and is reported. */
  fromBytes: boolean;
  /** Characters a window may carry over undecided before the rest of the text is read as one window. */
  carryLimit: number;
  /** The line the text starts on (a part of a file starts after the lines before it); 1 if absent. */
  firstLine?: number;
  /** The file goes on after this text (a part of it): a block still open at the end is left undecided, not closed. */
  open?: boolean;
}

/** After a text's windows: the line after its last, and whether it ended inside a block (an open text's last block). */
export interface WindowsEnd {
  line: number;
  undecided: boolean;
}

/**
 * Runs `onBlocks` over the blocks of each window of the text, in file order.
 * A window ends at a line end; what its last block leaves undecided starts the
 * next. With `problems`, the text's own problems (NUL bytes, and for a file
 * read from bytes, invalid UTF-8) are reported, each once, at its line.
 */
export function* forEachWindow({ pieces, source, fromBytes, carryLimit, firstLine, open }: TextSource, problems: Problem[] | undefined, onBlocks: (blocks: BibBlock[]) => Steps<void>): Steps<WindowsEnd> {
  const text = pieces();
  // One piece ahead, so that the last piece is known to be the last (a text given whole is one window).
  let ahead = text.next();
  let carry = '';
  let line = firstLine ?? 1;
  let first = true;
  let final = false;
  const reported = new Set<string>();
  const report = (kind: string, at: number, message: string) => {
    if (!problems || reported.has(kind)) return;
    reported.add(kind);
    problems.push({ source, line: at, severity: 'warning', message });
  };
  while (!final) {
    let window = carry + (ahead.done ? '' : ahead.value);
    ahead = text.next();
    // A block left undecided for long (an unclosed @comment) would be scanned again with every window: read the rest at once.
    while (!ahead.done && carry.length > carryLimit) {
      window += ahead.value;
      ahead = text.next();
    }
    final = ahead.done === true;
    if (first) window = window.replace(/^\uFEFF/, '');
    first = false;
    // A CR at a window's end may be the first half of a CRLF.
    let held = '';
    if (!final && window.endsWith('\r')) {
      held = '\r';
      window = window.slice(0, -1);
    }
    // The carried part was normalized and checked with the window before; the rest is new.
    if (window.includes('\r', carry.length - 1)) window = window.replace(/\r\n?/g, '\n');
    const nul = window.indexOf('\0', carry.length);
    if (nul >= 0) {
      if (!reported.has('nul')) report('nul', line + lineAt(window, nul) - 1, 'The file contains NUL bytes, which were ignored (is it saved as UTF-16? LitNotes expects UTF-8).');
      window = window.replace(/\0/g, '');
    }
    const bad = fromBytes && !reported.has('utf8') ? window.indexOf('\uFFFD', carry.length) : -1;
    if (bad >= 0) report('utf8', line + lineAt(window, bad) - 1, 'The file is not valid UTF-8; unreadable bytes were replaced by \uFFFD.');
    // The end of an open text is not the end of the file: what is undecided there stays so.
    const decide = final && !open;
    const cut = decide ? window.length : final ? window.length : window.lastIndexOf('\n') + 1;
    yield;
    const scanned = yield* scanBibWindowSteps(window.slice(0, cut), line, decide);
    carry = window.slice(scanned.rest) + held;
    line = scanned.restLine;
    yield* onBlocks(scanned.blocks);
  }
  return { line, undecided: carry.includes('@') };
}

/** The first entry block of each of the `missing` keys, read from the text again. */
export function* blocksNamed(text: TextSource, missing: Set<string>): Steps<BibBlock[]> {
  const found: BibBlock[] = [];
  yield* forEachWindow(text, undefined, function* (blocks) {
    for (const block of blocks) {
      if (block.label !== undefined && missing.has(block.label) && block.type !== 'string' && block.type !== 'comment' && !block.unterminated) {
        found.push(block);
        missing.delete(block.label); // the first entry of a key is the one kept
      }
    }
  });
  return found;
}

/** A UTF-8 file's text (bytes `start` to `end`), decoded `size` bytes at a time (a character cut between two windows is joined). */
export function* utf8Windows(bytes: ByteSource, size: number, start = 0, end = bytes.length): Generator<string, void> {
  const decoder = new TextDecoder('utf-8');
  const head = bytes.read(start, Math.min(end, start + 3));
  const from = start + (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0);
  for (let at = from; at < end; at += size) yield decoder.decode(bytes.read(at, Math.min(end, at + size)), { stream: true });
  yield decoder.decode();
}

export function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/**
 * Whether the file must be read as one text: UTF-16, or with a JabRef group
 * tree (which JabRef writes at the end, and which every entry before it needs).
 */
export function readWhole(bytes: ByteSource, size: number): boolean {
  return isUtf16(bytes.read(0, 2)) || mentionsJabrefMetaIn(bytes, size);
}

/** `mentionsJabrefMeta` over a source, read `size` bytes at a time (windows overlap, so a word cut between two is seen). */
export function mentionsJabrefMetaIn(bytes: ByteSource, size: number): boolean {
  const overlap = 'jabref-meta'.length - 1;
  for (let at = 0; at < bytes.length; at += size) {
    if (mentionsJabrefMeta(bytes.read(Math.max(0, at - overlap), at + size))) return true;
  }
  return false;
}

/** Whether the bytes hold "jabref-meta" in any case: a cheap test that may say yes for a file without a group tree, never no for one with. */
export function mentionsJabrefMeta(bytes: Uint8Array): boolean {
  // One pass for the hyphen, which has no case, then the letters around it.
  const before = 'jabref';
  const after = 'meta';
  for (let at = bytes.indexOf(0x2d, before.length); at >= 0 && at + after.length < bytes.length; at = bytes.indexOf(0x2d, at + 1)) {
    let k = 0;
    while (k < before.length && (bytes[at - before.length + k] | 0x20) === before.charCodeAt(k)) k++;
    if (k < before.length) continue;
    k = 0;
    while (k < after.length && (bytes[at + 1 + k] | 0x20) === after.charCodeAt(k)) k++;
    if (k === after.length) return true;
  }
  return false;
}
