/**
 * The messages between the extension host and a parse worker.
 *
 * - parse: the host sends a file's bytes (transferred, not copied), or in
 *   a Node host its path; the worker answers with the parse result.
 * - build: the host sends the parsed sources in parts, then the taxonomy; the
 *   worker assembles, sorts and indexes them (buildLibrary) and answers with
 *   the papers and the index in its binary form (SearchIndex.toBytes).
 *
 * Papers travel as JSON text in chunks. Each chunk is decoded in its own task,
 * so no single step blocks a thread for long (one message of 100,000 papers,
 * cloned or as one JSON text, blocks it for a second or more), and JSON gives
 * every string a compact copy of its own (see `detach` in bibToPapers.ts).
 * Measured with bench/loadProfile.ts. A structured clone of the papers is
 * faster to send, but keeps a string's two-byte form: an ASCII abstract cut
 * from a window with one character beyond Latin-1 arrives at twice its size
 * (tried: the 100k host's peak RSS rose from 1018 to 1168 MB, bench:host).
 */
import type { DraftPaper, DraftParseResult, Paper, Problem } from '../model';
import type { FilePart } from '../sources/bibtex';
import type { Taxonomy } from '../topics/taxonomy';
import type { TopicsMode, TopicState } from '../topics/topicModes';
import { runInSlices, SLICE_MS, type Steps } from '../slices';
import { StringPool } from '../stringPool';

/**
 * Papers per chunk: about 0.1 MB of JSON, half a millisecond of JSON.parse
 * (corpus-like abstracts). Small chunks stay below V8's 128 KB limit for
 * ordinary heap objects; with 250-paper chunks (0.6 MB) a 25k-entry file's
 * parse cost 50 MB more at its peak, in the same time (code-server's Node 24).
 */
export const PAPERS_PER_CHUNK = 40;

export interface ParseRequest {
  kind?: 'parse';
  id: number;
  source: string;
  /** The file's bytes; or else `path`. */
  bytes?: Uint8Array;
  /**
   * A local file the worker reads itself, a window at a time (a Node worker):
   * then no thread holds the whole file, and the host reads none of it.
   */
  path?: string;
  /**
   * Chunks the worker may have sent that the host has not acknowledged (ChunkAck)
   * before it waits (checked between the parse's steps, each of which makes up
   * to 100 papers); without it, the worker never waits. A host slower than its
   * workers would otherwise hold their chunks queued (hundreds of MB at 100k papers).
   */
  inFlight?: number;
  /**
   * Parse only these bytes of the file (a BibTeX file read in parts, see
   * fileParts.ts); the bytes are then the whole file's, shared, not handed
   * over. With `path`, the part's ends are moved to entry starts by the
   * worker (snapPart).
   */
  part?: FilePart;
}

/** The host has taken one more chunk of a parse. */
export interface ChunkAck {
  kind: 'ack';
  id: number;
}

/** One part of one source for a build: its papers from `start`; the first part of a source carries its problems. */
export interface BuildPart {
  kind: 'build-part';
  id: number;
  /** The source's place in the list buildLibrary gets. */
  source: number;
  json: string;
}

/** After the parts: build now. */
export interface BuildRequest {
  kind: 'build';
  id: number;
  sources: number;
  taxonomy: Taxonomy;
  /** Topics as `litnotes.topicsMode` says; a first load has no earlier topics to reuse. */
  topicsMode: TopicsMode;
}

export type WorkerRequest = ParseRequest | BuildPart | BuildRequest | ChunkAck;

export type ParseReply =
  /**
   * One chunk of the result as UTF-8 JSON, transferred: a string would be
   * copied on arrival, and Node copies all waiting messages in one task. The
   * last has `done` (and, for a build, the index), the first carries the problems.
   */
  | { id: number; chunk: Uint8Array; done: boolean; index?: Uint8Array; topics?: string; undecided?: boolean }
  /** `unreadable`: the worker could not open the file (the host reads it and says why); any other error ends the workers. */
  | { id: number; error: string; unreadable?: boolean };

/** The JSON of one chunk. */
interface Chunk<P> {
  papers: P[];
  problems?: Problem[];
}

/** The chunks of papers and problems, each as JSON; never none. */
export function* resultChunks<P>(papers: readonly P[], problems: Problem[]): Generator<string> {
  let start = 0;
  do {
    const chunk: Chunk<P> = { papers: papers.slice(start, start + PAPERS_PER_CHUNK) };
    if (start === 0) chunk.problems = problems;
    start += PAPERS_PER_CHUNK;
    yield JSON.stringify(chunk);
  } while (start < papers.length);
}

const utf8 = new TextDecoder();

/** Collects the chunks of one result, in order. */
export class ParseResultCollector<P = DraftPaper> {
  private readonly papers: P[] = [];
  private problems: Problem[] = [];
  private readonly strings = new StringPool();

  /** Adds one chunk (JSON, as text or UTF-8); returns the whole result after the last one. */
  add(json: string | Uint8Array, done: boolean): { papers: P[]; problems: Problem[] } | undefined {
    const chunk = JSON.parse(typeof json === 'string' ? json : utf8.decode(json)) as Chunk<P>;
    for (const paper of chunk.papers) {
      // Chunks hold papers (a parse's drafts, a build's papers).
      this.strings.paper(paper as DraftPaper);
      this.papers.push(paper);
    }
    if (chunk.problems) this.problems = chunk.problems;
    return done ? { papers: this.papers, problems: this.problems } : undefined;
  }
}

/**
 * Hands replies on in order, a slice's worth at a time, as a job of the
 * shared slice runner (runInSlices): one slice of one job per turn of the
 * event loop, so a drain never runs in the same turn as another job's slice
 * or another worker's drain. A worker may post many chunks while this thread
 * is busy, and Node then delivers all the waiting messages in one task:
 * decoded there, 200 chunks would block this thread for a second. A reply
 * whose handling throws goes to `failed`; the ones after it are still handed on.
 */
export class ReplyQueue {
  private readonly queue: ParseReply[] = [];
  private draining = false;

  constructor(
    private readonly handle: (reply: ParseReply) => void,
    private readonly failed: (error: unknown) => void,
    private readonly sliceMs = SLICE_MS,
  ) {}

  push(reply: ParseReply): void {
    this.queue.push(reply);
    if (this.draining) return;
    this.draining = true;
    void runInSlices(this.drain(), this.sliceMs);
  }

  private *drain(): Steps<void> {
    while (this.queue.length > 0) {
      const reply = this.queue.shift()!;
      try {
        this.handle(reply);
      } catch (error) {
        this.failed(error);
      }
      // Checked in the same step as the queue: a reply pushed while this job waits for its next slice is taken then.
      if (this.queue.length === 0) break;
      yield;
    }
    this.draining = false;
  }
}

/** The host's side of a build: the parts to send for `sources`, each as one message. */
export function* buildParts(id: number, sources: readonly DraftParseResult[]): Generator<BuildPart> {
  for (const [source, result] of sources.entries()) {
    for (const json of resultChunks(result.papers, result.problems)) yield { kind: 'build-part', id, source, json };
  }
}

/** What a build sends back: the library's papers and problems, and the index as bytes to restore. */
export interface BuiltInWorker {
  papers: Paper[];
  problems: Problem[];
  index: Uint8Array;
  topics: TopicState;
}
