/**
 * Round trips to the Node parse worker (dist/node/parseWorker.js, built by
 * esbuild.js) as the extension makes them, for the bench and the unit tests:
 * a file's parse, and a library's build with its sources sent in parts.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildParts, ParseResultCollector, ReplyQueue, type ParseReply, type WorkerRequest } from '../src/core/load/workerProtocol';
import type { DraftParseResult, Paper, Problem } from '../src/core/model';
import type { FilePart } from '../src/core/sources/bibtex';
import type { Taxonomy } from '../src/core/topics/taxonomy';
import { repoRoot } from './generate';

export const NODE_WORKER = join(repoRoot(), 'dist', 'node', 'parseWorker.js');

export interface WorkerAnswer<P> {
  papers: P[];
  problems: Problem[];
  /** A build's index, as bytes to restore. */
  index?: Uint8Array;
  /** How many chunks the papers came in. */
  chunks: number;
  /** A part of a file ended inside a block. */
  undecided?: boolean;
}

/** Starts a worker, lets `send` post the requests, and collects the one answer. */
function roundTrip<P>(send: (post: (request: WorkerRequest, transfer?: ArrayBuffer[]) => void) => void | Promise<void>): Promise<WorkerAnswer<P>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(NODE_WORKER);
    const collector = new ParseResultCollector<P>();
    let chunks = 0;
    // As the extension does (src/vscode/library/parseWorkers.ts): chunks decoded a slice at a time.
    const replies = new ReplyQueue((reply: ParseReply) => {
      if ('error' in reply) {
        void worker.terminate();
        return reject(Object.assign(new Error(reply.error), { unreadable: reply.unreadable === true }));
      }
      chunks++;
      const result = collector.add(reply.chunk, reply.done);
      if (result) {
        void worker.terminate();
        resolve({ ...result, chunks, ...(reply.index ? { index: reply.index } : {}), ...(reply.undecided ? { undecided: true } : {}) });
      }
    }, (error) => {
      void worker.terminate();
      reject(error);
    });
    worker.on('message', (reply: ParseReply) => replies.push(reply));
    worker.on('error', reject);
    Promise.resolve(send((request, transfer) => worker.postMessage(request, transfer))).catch(reject);
  });
}

/** A file's parse in a worker; the bytes are handed over. */
export function parseInNodeWorker(bytes: Uint8Array, source: string): Promise<WorkerAnswer<DraftParseResult['papers'][number]>> {
  return roundTrip((post) => post({ id: 1, source, bytes }, [bytes.buffer as ArrayBuffer]));
}

/** One part of a file parsed in a worker, from bytes in shared memory (as the extension reads a large file in parts). */
export function parsePartInNodeWorker(shared: Uint8Array, part: FilePart, source: string): Promise<WorkerAnswer<DraftParseResult['papers'][number]> & { undecided?: boolean }> {
  return roundTrip((post) => post({ id: 1, source, bytes: shared, part }));
}

/** A local file parsed by a worker that reads it itself (as the Node host has its workers do), whole or one part of it. */
export function parseFileInNodeWorker(path: string, source: string, part?: FilePart): Promise<WorkerAnswer<DraftParseResult['papers'][number]> & { undecided?: boolean }> {
  return roundTrip((post) => post(part ? { id: 1, source, path, part } : { id: 1, source, path }));
}

/** A library built in a worker; with `sliceMs`, the event loop runs between parts after that much sending. */
export function buildInNodeWorker(sources: readonly DraftParseResult[], taxonomy: Taxonomy, sliceMs = Infinity): Promise<WorkerAnswer<Paper>> {
  return roundTrip(async (post) => {
    let started = Date.now();
    for (const part of buildParts(1, sources)) {
      post(part);
      if (Date.now() - started >= sliceMs) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        started = Date.now();
      }
    }
    post({ kind: 'build', id: 1, sources: sources.length, taxonomy, topicsMode: 'auto' });
  });
}
