/**
 * The messages between the extension host and a parse worker. The host sends
 * a file's bytes (transferred, not copied); the worker answers with the
 * parse result as JSON text in chunks of papers. Each chunk is decoded in its
 * own task on the host, so no single step blocks it for long (one message of
 * 100,000 papers, cloned or as one JSON text, blocks it for seconds), and
 * JSON gives every string a compact copy of its own (see `detach` in
 * bibToPapers.ts). Measured with bench/loadProfile.ts.
 */
import type { DraftPaper, DraftParseResult, Problem } from '../model';
import { runToEnd } from '../slices';
import { parseFileSteps } from './parseFile';

/** Papers per chunk: about 5 ms of JSON.parse on the host (corpus-like abstracts). */
export const PAPERS_PER_CHUNK = 500;

export interface ParseRequest {
  id: number;
  source: string;
  bytes: Uint8Array;
}

export type ParseReply =
  /** One chunk of the result; the last has `done`, the first carries the problems. */
  | { id: number; json: string; done: boolean }
  | { id: number; error: string };

/** The JSON of one chunk. */
interface Chunk {
  papers: DraftPaper[];
  problems?: Problem[];
}

/** The worker's side: parses the file and posts the result in chunks. Never throws. */
export function answerParseRequest(request: ParseRequest, post: (reply: ParseReply) => void): void {
  let result: DraftParseResult;
  try {
    // No separate copy of the strings: the JSON of the chunks gives each its own.
    result = runToEnd(parseFileSteps(request.bytes, request.source, { detach: false }));
  } catch (e) {
    post({ id: request.id, error: String(e instanceof Error ? e.message : e) });
    return;
  }
  const { papers, problems } = result;
  let start = 0;
  do {
    const chunk: Chunk = { papers: papers.slice(start, start + PAPERS_PER_CHUNK) };
    if (start === 0) chunk.problems = problems;
    start += PAPERS_PER_CHUNK;
    post({ id: request.id, json: JSON.stringify(chunk), done: start >= papers.length });
  } while (start < papers.length);
}

/** The host's side: collects the chunks of one reply, in order. */
export class ParseResultCollector {
  private readonly papers: DraftPaper[] = [];
  private problems: Problem[] = [];

  /** Adds one chunk; returns the whole result after the last one. */
  add(json: string, done: boolean): DraftParseResult | undefined {
    const chunk = JSON.parse(json) as Chunk;
    for (const paper of chunk.papers) this.papers.push(paper);
    if (chunk.problems) this.problems = chunk.problems;
    return done ? { papers: this.papers, problems: this.problems } : undefined;
  }
}
