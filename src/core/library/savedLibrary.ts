import type { Paper, Problem } from '../model';
import type { CatalogTopic } from '../topics/topicModes';
import type { Steps } from '../slices';
import { StringPool } from '../stringPool';

/** What is saved beside the papers, so an unchanged library reopens without reading its files. */
export interface SavedLibraryHeader {
  /** Identifies the settings and source files (paths, sizes, times) the library was read from. */
  fingerprint: string;
  problems: Problem[];
  /** Paper key → note URI. */
  notes: [string, string][];
  papers: number;
  /** Length of the saved search index that belongs with these papers. */
  indexBytes: number;
  /** The topics the papers were sorted into (discovered ones have no other record). */
  topics?: CatalogTopic[];
  /** The source files' URIs, in fingerprint order: a restart checks these before searching the workspace. */
  sources?: string[];
  /** How many files the papers are saved in (absent: one); this header's file holds the first PAPERS_PER_FILE. */
  files?: number;
  /** In a file after the first: its place (1, 2, ...). */
  file?: number;
}

/**
 * Papers per saved file. A save encodes and writes one file at a time (about
 * 25 MB of corpus-like abstracts), never the whole library's bytes at once:
 * at 100k papers those were 290 MB more at the save's peak.
 */
export const PAPERS_PER_FILE = 10_000;

/** How many files `papers` papers are saved in. */
export function libraryFileCount(papers: number, perFile = PAPERS_PER_FILE): number {
  return Math.max(1, Math.ceil(papers / perFile));
}

/**
 * Saved file `file` of the library: the first has the header (with the count
 * of files) and the first `perFile` papers; each next one a header naming its
 * place and the library's fingerprint, and the next `perFile` papers.
 */
export function encodeLibraryFile(header: SavedLibraryHeader, papers: readonly Paper[], file: number, perFile = PAPERS_PER_FILE, reuse?: Uint8Array): Steps<Uint8Array> {
  const { own, part } = fileContents(header, papers, file, perFile);
  return encodeLibrary(own, part, reuse);
}

/** Papers per piece of a file written a piece at a time: some 3 MB of text. */
export const PAPERS_PER_PIECE = 1000;

/**
 * Saved file `file` in pieces, for a writer that writes each piece before it
 * makes the next (a Node host writing a local file): the same bytes as
 * `encodeLibraryFile`, but no buffer holds more than a piece (at 100k papers
 * a file's buffer was 29 MB, the save's share of the load's memory peak).
 * `piece(i, reuse)` makes piece i (the header line is piece 0), into `reuse`
 * when it is large enough; each is a view, good until the next is made.
 */
export function libraryFilePieces(header: SavedLibraryHeader, papers: readonly Paper[], file: number, perFile = PAPERS_PER_FILE, perPiece = PAPERS_PER_PIECE): { count: number; piece(i: number, reuse?: Uint8Array): Steps<Uint8Array> } {
  const { own, part } = fileContents(header, papers, file, perFile);
  return {
    count: 1 + Math.ceil(part.length / perPiece),
    piece: (i, reuse) => (i === 0
      ? encodeLines(`${JSON.stringify(own)}\n`, [], reuse)
      : encodeLines('', part.slice((i - 1) * perPiece, i * perPiece), reuse, PIECE_SIZE_SAMPLE)),
  };
}

/** Saved file `file`'s own header, and the papers it holds. */
function fileContents(header: SavedLibraryHeader, papers: readonly Paper[], file: number, perFile: number): { own: SavedLibraryHeader; part: readonly Paper[] } {
  const part = papers.slice(file * perFile, (file + 1) * perFile);
  const files = libraryFileCount(papers.length, perFile);
  const own: SavedLibraryHeader = file === 0
    ? { ...header, papers: part.length, files }
    : { fingerprint: header.fingerprint, problems: [], notes: [], papers: part.length, indexBytes: 0, file };
  return { own, part };
}

/** The library from its saved files (the first, then the rest in order). Throws when one is missing, cut short, damaged or from another save. */
export function* decodeLibraryFiles(first: Uint8Array, rest: readonly Uint8Array[]): Steps<{ header: SavedLibraryHeader; papers: Paper[] }> {
  const files = new LibraryFilesDecoder();
  for (const bytes of [first, ...rest]) yield* files.decode(bytes);
  return files.finish();
}

/**
 * Decodes a library's saved files one at a time, in order, so that a reader
 * can read each file just before it is decoded and let its bytes go right
 * after: at 100k papers the files are some 190 MB, and holding them all at
 * once is memory V8 counts against its next full collection (see `release`).
 */
export class LibraryFilesDecoder {
  private readonly strings = new StringPool();
  private readonly papers: Paper[] = [];
  private first?: SavedLibraryHeader;
  private decoded = 0;

  /** Decodes the next file (the first, with the library's header, then the rest). Throws when it is damaged or from another save. */
  *decode(bytes: Uint8Array): Steps<void> {
    const part = yield* decodeLibrary(bytes, this.strings);
    if (this.first && (part.header.fingerprint !== this.first.fingerprint || part.header.file !== this.decoded)) throw new Error(`saved file ${this.decoded} belongs to another save`);
    this.first ??= part.header;
    this.decoded++;
    for (const paper of part.papers) this.papers.push(paper);
  }

  /** The library, once every file was decoded. Throws when one is missing. */
  finish(): { header: SavedLibraryHeader; papers: Paper[] } {
    const expected = this.first?.files ?? 1;
    if (!this.first || this.decoded !== expected) throw new Error(`the saved library has ${this.decoded} of its ${expected} files`);
    return { header: this.first, papers: this.papers };
  }
}

/** Papers per step: about 100 KB of text, a millisecond or two. */
const PAPERS_PER_STEP = 50;
/** Bytes copied or decoded per step. */
const BYTES_PER_STEP = 1 << 18;
const NEWLINE = 10;
const TAB = 9;

/**
 * A paper's saved line. The abstract, most of a paper's bytes, is kept out of
 * the JSON: `JSON.parse` reads a long string several times slower than
 * `TextDecoder` does (10k corpus-like papers: 125 ms as whole JSON lines, 70
 * ms split so). JSON never holds a raw tab or newline, so the first tab ends
 * the JSON; in the abstract, backslashes and newlines are escaped.
 */
function paperLine(paper: Paper): string {
  if (paper.abstract === undefined) return `${JSON.stringify(paper)}\n`;
  const { abstract, ...rest } = paper;
  return `${JSON.stringify(rest)}\t${escapeLine(abstract)}\n`;
}

function escapeLine(text: string): string {
  return /[\\\n]/.test(text) ? text.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\')) : text;
}

function unescapeLine(text: string): string {
  return text.includes('\\') ? text.replace(/\\(.)/gs, (_, c: string) => (c === 'n' ? '\n' : c)) : text;
}

/**
 * The saved library is one JSON line for the header, then one line per paper:
 * the paper as JSON without its abstract, and after a tab the abstract as
 * plain text (see `paperLine`). Line by line, it is written and read in small
 * steps (never one 300 MB `JSON.parse`), and a changed library is recognized
 * from the first line alone.
 */
export function encodeLibrary(header: SavedLibraryHeader, papers: readonly Paper[], reuse?: Uint8Array): Steps<Uint8Array> {
  return encodeLines(`${JSON.stringify(header)}\n`, papers, reuse);
}

/** `first`, then the papers' lines, as UTF-8. */
function* encodeLines(first: string, papers: readonly Paper[], reuse?: Uint8Array, sample = SIZE_SAMPLE): Steps<Uint8Array> {
  // Written straight into one buffer, sized from the text's length (not encoded piece by piece and then
  // copied: at 100k papers the pieces and the copy would hold 200 MB twice); `reuse`, the buffer of the
  // file written before, when it is large enough (a new one per file left 60 MB for the GC at 100k papers).
  const capacity = yield* estimatedBytes(papers, sample);
  // A buffer meant for reuse gets room for a following file a little larger than this one.
  const out = new ByteWriter(reuse && reuse.length >= capacity ? reuse : new Uint8Array(reuse ? Math.ceil(capacity * 1.1) : capacity));
  out.write(first);
  for (let start = 0; start < papers.length; start += PAPERS_PER_STEP) {
    // A paper's line at a time: the lines of a step joined could pass V8's 128 KB limit for ordinary heap objects.
    for (const paper of papers.slice(start, start + PAPERS_PER_STEP)) out.write(paperLine(paper));
    yield;
  }
  return out.bytes();
}

/** Papers measured to size the buffer: of a file, and of a piece (where the buffer is mostly the piece before's). */
const SIZE_SAMPLE = 256;
const PIECE_SIZE_SAMPLE = 16;

/**
 * A little more than the saved papers take: the bytes of a sample of papers
 * spread over the library, per character of their title and abstract (most
 * of a paper), times the whole library's characters, plus a margin. A
 * buffer too small grows, which costs a copy.
 */
function* estimatedBytes(papers: readonly Paper[], sample = SIZE_SAMPLE): Steps<number> {
  const textOf = (paper: Paper) => paper.title.length + (paper.abstract?.length ?? 0) + 1;
  let characters = 0;
  for (let i = 0; i < papers.length; i++) {
    characters += textOf(papers[i]);
    if ((i & 0xfff) === 0xfff) yield;
  }
  const encoder = new TextEncoder();
  let sampleBytes = 0;
  let sampleCharacters = 0;
  const stride = Math.max(1, Math.floor(papers.length / sample));
  for (let i = 0; i < papers.length; i += stride) {
    sampleBytes += encoder.encode(paperLine(papers[i])).length;
    sampleCharacters += textOf(papers[i]);
  }
  const perCharacter = sampleCharacters ? sampleBytes / sampleCharacters : 1;
  return Math.ceil(characters * perCharacter * 1.05) + (1 << 20);
}

/** UTF-8 written into one growing buffer. */
class ByteWriter {
  private length = 0;
  private readonly encoder = new TextEncoder();

  constructor(private buffer: Uint8Array) {}

  write(text: string): void {
    let rest = text;
    for (;;) {
      const { read, written } = this.encoder.encodeInto(rest, this.buffer.subarray(this.length));
      this.length += written;
      if (read === rest.length) return;
      rest = rest.slice(read);
      const grown = new Uint8Array(Math.max(Math.ceil(this.buffer.length * 1.25), this.length + rest.length * 3));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
  }

  /** What was written (a view: no copy). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** The header alone, or undefined when the bytes are not a saved library. */
export function readLibraryHeader(bytes: Uint8Array): SavedLibraryHeader | undefined {
  const end = bytes.indexOf(NEWLINE);
  try {
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, end < 0 ? bytes.length : end))) as SavedLibraryHeader;
    return typeof header?.fingerprint === 'string' && Number.isInteger(header.papers) ? header : undefined;
  } catch {
    return undefined;
  }
}

/** The saved papers, read step by step. Throws when the file is cut short or damaged. */
export function* decodeLibrary(bytes: Uint8Array, strings = new StringPool()): Steps<{ header: SavedLibraryHeader; papers: Paper[] }> {
  const header = readLibraryHeader(bytes);
  if (!header) throw new Error('not a saved LitNotes library');
  const decoder = new TextDecoder();
  const papers: Paper[] = [];
  let at = bytes.indexOf(NEWLINE) + 1;
  let stepStart = at;
  while (at > 0 && at < bytes.length) {
    // Every line ends with a newline: without one, the file was cut short (maybe inside an abstract, which no parse would notice).
    const end = bytes.indexOf(NEWLINE, at);
    if (end < 0) throw new Error('the saved library is cut short inside a line');
    if (end > at) {
      const line = bytes.subarray(at, end);
      const tab = line.indexOf(TAB);
      const paper = JSON.parse(decoder.decode(tab < 0 ? line : line.subarray(0, tab))) as Paper;
      if (tab >= 0) paper.abstract = unescapeLine(decoder.decode(line.subarray(tab + 1)));
      strings.paper(paper);
      papers.push(paper);
    }
    at = end + 1;
    // About BYTES_PER_STEP per step.
    if (at - stepStart >= BYTES_PER_STEP) {
      stepStart = at;
      yield;
    }
  }
  if (papers.length !== header.papers) throw new Error(`the saved library has ${papers.length} of its ${header.papers} papers`);
  return { header, papers };
}
