/**
 * One large BibTeX file read by several workers at once: cut into parts at
 * entry starts, each part parsed apart (parseBibtexPartSteps), the results
 * joined in file order. A file read by one worker takes one core however
 * many the machine has; a library exported as one file is the common case.
 */
import type { DraftParseResult, Problem } from '../model';
import type { FilePart } from '../sources/bibtex';
import { isUtf16 } from '../sources/bibWindows';
import { bytesSource, type ByteSource } from './byteSource';

/** Smaller files are read by one worker: a second's start and the text it scans before its part cost more. */
export const PARTS_MIN_BYTES = 16 * 1024 * 1024;

/**
 * Up to `parts` parts of the file, of about equal size, each starting at an
 * `@` that starts a line. None (read it whole) when the file is small or not
 * UTF-8. A file with a JabRef group tree is cut too: each part's worker finds
 * the tree (a pass over the bytes, kept off the host's thread) and says the
 * file must be read whole.
 */
export function fileParts(bytes: Uint8Array, parts: number, minBytes = PARTS_MIN_BYTES): FilePart[] {
  if (isUtf16(bytes)) return [];
  const file = bytesSource(bytes);
  const snapped = evenParts(bytes.length, parts, minBytes).map((part) => snapPart(file, part)).filter((part) => part.start < part.end);
  return snapped.length < 2 ? [] : snapped;
}

/**
 * `parts` cuts of equal size, not yet at entry starts: for a worker that
 * reads the file itself, so that nobody reads it to cut it. Each worker moves
 * its part's ends with `snapPart`; neighbours move a shared end alike.
 */
export function evenParts(length: number, parts: number, minBytes = PARTS_MIN_BYTES): FilePart[] {
  if (parts < 2 || length < minBytes) return [];
  return Array.from({ length: parts }, (_, i) => ({ start: Math.floor((length * i) / parts), end: Math.floor((length * (i + 1)) / parts) }));
}

/** The part with both ends moved to the next `@` that starts a line (the file's ends stay); empty when no entry starts in it. */
export function snapPart(file: ByteSource, part: FilePart): FilePart {
  const snap = (at: number) => (at <= 0 ? 0 : at >= file.length ? file.length : entryStartFrom(file, at));
  return { start: snap(part.start), end: snap(part.end) };
}

/** Bytes read at a time while looking for an entry's start. */
const SCAN_BYTES = 1 << 16;

/** The first `@` at a line's start at or after `from`; the length if none. */
function entryStartFrom(file: ByteSource, from: number): number {
  for (let at = Math.max(0, from - 1); at < file.length; at += SCAN_BYTES) {
    // One byte more than the step: the byte after a newline at the window's end.
    const window = file.read(at, at + SCAN_BYTES + 1);
    for (let nl = window.indexOf(0x0a); nl >= 0 && nl < SCAN_BYTES; nl = window.indexOf(0x0a, nl + 1)) {
      if (nl + 1 < window.length && window[nl + 1] === 0x40) return at + nl + 1;
    }
  }
  return file.length;
}

/**
 * The parts' results as one file's: papers in file order, a key an earlier
 * part already has dropped with a warning (as one reader keeps the first of
 * a key), problems sorted by line, each once.
 */
export function joinParts(results: readonly DraftParseResult[], source: string): DraftParseResult {
  const firstLine = new Map<string, number>();
  const papers: DraftParseResult['papers'] = [];
  const problems: Problem[] = [];
  const seenProblems = new Set<string>();
  for (const result of results) {
    const own = new Map<string, number>();
    for (const paper of result.papers) {
      const key = paper.key;
      const earlier = key === undefined ? undefined : firstLine.get(key);
      if (key !== undefined && earlier !== undefined) {
        problems.push({ source, line: paper.origin.line, severity: 'warning', message: `Duplicate key "${key}" (first defined on line ${earlier}); this entry was ignored.` });
        continue;
      }
      if (key !== undefined) own.set(key, paper.origin.line ?? 0);
      papers.push(paper);
    }
    for (const [key, line] of own) firstLine.set(key, line);
    for (const problem of result.problems) {
      // The same problem from two parts (an @string before a part is read by both; invalid UTF-8 or NUL bytes in each).
      const id = /NUL bytes|not valid UTF-8/.test(problem.message) ? problem.message : `${problem.line}|${problem.message}`;
      if (seenProblems.has(id)) continue;
      seenProblems.add(id);
      problems.push(problem);
    }
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { papers, problems };
}
