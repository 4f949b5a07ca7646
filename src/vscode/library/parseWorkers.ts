import * as os from 'node:os';
import * as workerThreads from 'node:worker_threads';
import * as vscode from 'vscode';
import type { DraftParseResult, Paper, Problem } from '../../core/model';
import { evenParts, fileParts, joinParts } from '../../core/load/fileParts';
import { buildParts, ParseResultCollector, ReplyQueue, type BuiltInWorker, type ParseReply, type WorkerRequest } from '../../core/load/workerProtocol';
import { afterTurn } from '../../core/slices';
import { release } from '../../core/release';
import type { FilePart } from '../../core/sources/bibtex';
import { sourceKindOf } from '../../core/sources/sourceKind';
import type { Taxonomy } from '../../core/topics/taxonomy';
import type { TopicsMode, TopicState } from '../../core/topics/topicModes';
import { log } from '../log';
import { ownWork } from './loopLag';

/** Files smaller than this parse on the host in time slices: a worker's round trip costs more. */
export const WORKER_MIN_BYTES = 256 * 1024;

/** Bytes copied into shared memory per turn of the event loop (a file read in parts). */
const COPY_BYTES = 16 * 1024 * 1024;

/** Chunks of a parse (about 0.1 MB each) a worker may send ahead of the host taking them. */
const CHUNKS_IN_FLIGHT = 32;

/**
 * A parse makes short-lived objects fast, and the Node of recent VS Code
 * versions (24) lets a worker's young generation grow to over 100 MB for
 * them: a 53 MB file's parse took the worker's heap to 250 MB. With 16 MB
 * it stays under 100 MB, in the same time (measured in code-server's Node).
 * The young generation's size never stops a worker; only the old one's would.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 };

/** An idle worker is ended after this long, so that its memory goes back. */
const IDLE_MS = 15_000;

/** Host work between two messages of a build's parts, before the event loop gets a turn. */
const SEND_SLICE_MS = 10;

/** What the pool needs of a worker: worker_threads' Worker and the web's Worker look alike through this. */
interface WorkerPort {
  post(request: WorkerRequest, transfer?: ArrayBuffer[]): void;
  terminate(): void;
}

interface JobResult {
  papers: unknown[];
  problems: Problem[];
  index?: Uint8Array;
  topics?: string;
  /** A part of a file ended inside a block. */
  undecided?: boolean;
}

interface Job {
  id: number;
  /** Posts the job's messages to the worker. */
  send(port: WorkerPort): void | Promise<void>;
  collector: ParseResultCollector<unknown>;
  resolve(result: JobResult | undefined): void;
}

interface Slot {
  port: WorkerPort;
  job?: Job;
  idle?: ReturnType<typeof setTimeout>;
  /** Set when the pool ends the worker, so that its exit is not taken for a failure. */
  ended?: boolean;
}

/**
 * Parses large library files off the extension host's thread: worker_threads
 * in the Node host, a Web Worker in the web host (which VS Code lets a web
 * extension start from its own files). Up to one worker per core, at most
 * four, so files parse in parallel. `parse` resolves to undefined when no
 * worker can be made or one fails; the caller then parses on the host in
 * time slices, as before.
 */
export class ParseWorkers implements vscode.Disposable {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private broken = false;
  readonly size: number;

  constructor(private readonly extensionUri: vscode.Uri) {
    const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? os.cpus?.().length ?? 1;
    this.size = Math.max(1, Math.min(4, cores));
  }

  /** Whether workers read local files themselves (worker_threads, with Node's fs); web workers are sent the bytes. */
  readonly readsFiles = typeof workerThreads.Worker === 'function';

  /** True until a worker has failed to start or run. */
  get available(): boolean {
    return !this.broken;
  }

  /**
   * The file's parse, made in a worker, or with `parts` above 1 in that many
   * workers at once where the file can be cut (a large UTF-8 BibTeX file, in
   * a host with shared memory); undefined when that is impossible. The bytes
   * are handed over.
   */
  async parse(bytes: Uint8Array, source: string, parts = 1): Promise<DraftParseResult | undefined> {
    const cuts = parts > 1 && typeof SharedArrayBuffer === 'function' && sourceKindOf(source) === 'bibtex' ? fileParts(bytes, Math.min(parts, this.size)) : [];
    if (cuts.length > 1) return this.parseInParts(source, cuts, { bytes: await this.shared(bytes) });
    const result = await this.run((id) => (port) => {
      // Hand the bytes over without a copy, unless they are a view into a larger (pooled) buffer.
      const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
      port.post({ id, source, bytes: owned, inFlight: CHUNKS_IN_FLIGHT }, [owned.buffer as ArrayBuffer]);
    });
    return result && { papers: result.papers as DraftParseResult['papers'], problems: result.problems };
  }

  /**
   * The local file at `path` parsed by workers that read it themselves (see
   * `readsFiles`): the host reads none of it, and no thread holds it whole.
   * `length`: its size, to cut it into `parts`.
   */
  async parseFile(path: string, length: number, source: string, parts = 1): Promise<DraftParseResult | undefined> {
    const cuts = parts > 1 && sourceKindOf(source) === 'bibtex' ? evenParts(length, Math.min(parts, this.size)) : [];
    if (cuts.length > 1) return this.parseInParts(source, cuts, { path });
    return this.parseWhole(source, { path });
  }

  /** The file parsed by one worker, from `file` (its path, or bytes shared with other workers). */
  private async parseWhole(source: string, file: { path: string } | { bytes: Uint8Array }): Promise<DraftParseResult | undefined> {
    const result = await this.run((id) => (port) => port.post({ id, source, ...file, inFlight: CHUNKS_IN_FLIGHT }));
    return result && { papers: result.papers as DraftParseResult['papers'], problems: result.problems };
  }

  /** The parts of one file parsed in as many workers, joined; the file read by one worker if it cannot be read in parts. */
  private async parseInParts(source: string, parts: FilePart[], file: { path: string } | { bytes: Uint8Array }): Promise<DraftParseResult | undefined> {
    const results = await Promise.all(parts.map((part) => this.run((id) => (port) => port.post({ id, source, ...file, part, inFlight: CHUNKS_IN_FLIGHT }))));
    if (results.every((r) => r && !r.undecided)) {
      return joinParts(results.map((r) => ({ papers: r!.papers as DraftParseResult['papers'], problems: r!.problems })), source);
    }
    if (results.some((r) => r === undefined)) return undefined;
    log().info(`${source}: cannot be read in parts (a part ended inside an entry or comment, or the file is UTF-16 or has a JabRef group tree), so one worker reads it.`);
    return this.parseWhole(source, file);
  }

  /** The bytes copied into memory the workers share (in steps, with the event loop let run); the caller's are let go. */
  private async shared(bytes: Uint8Array): Promise<Uint8Array> {
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
    for (let at = 0; at < bytes.byteLength; at += COPY_BYTES) {
      shared.set(bytes.subarray(at, at + COPY_BYTES), at);
      await new Promise<void>((resolve) => afterTurn(resolve));
    }
    // The caller's buffer is let go now, not when the parse is over (it was 200 MB at 100k entries).
    release(bytes);
    return shared;
  }

  /**
   * The library assembled, sorted and indexed in a worker (buildLibrary from
   * an empty index), with the index as bytes to restore; undefined when that
   * is impossible. The sources are sent in parts, with the event loop let run
   * between them.
   */
  async build(sources: readonly DraftParseResult[], taxonomy: Taxonomy, topicsMode: TopicsMode): Promise<BuiltInWorker | undefined> {
    const result = await this.run((id) => async (port) => {
      let started = Date.now();
      for (const part of buildParts(id, sources)) {
        port.post(part);
        if (Date.now() - started >= SEND_SLICE_MS) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          started = Date.now();
        }
      }
      port.post({ kind: 'build', id, sources: sources.length, taxonomy, topicsMode });
    });
    if (!result?.index || !result.topics) return undefined;
    return { papers: result.papers as Paper[], problems: result.problems, index: result.index, topics: JSON.parse(result.topics) as TopicState };
  }

  private run(sender: (id: number) => Job['send']): Promise<JobResult | undefined> {
    if (this.broken) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.queue.push({ id, send: sender(id), collector: new ParseResultCollector(), resolve });
      this.pump();
    });
  }

  /** Ends the workers that have nothing to do now (a load read its files): their memory goes back at once, not after IDLE_MS. */
  releaseIdle(): void {
    for (const slot of [...this.slots]) if (!slot.job) this.retire(slot);
  }

  dispose(): void {
    for (const slot of this.slots.splice(0)) this.end(slot);
    for (const job of this.queue.splice(0)) job.resolve(undefined);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) {
        slot = this.start();
        if (!slot) return;
      }
      if (!slot) return;
      const job = this.queue.shift()!;
      clearTimeout(slot.idle);
      slot.job = job;
      const busy = slot;
      try {
        void Promise.resolve(job.send(slot.port)).catch((e: unknown) => this.fail(busy, e));
      } catch (e) {
        this.fail(slot, e);
      }
    }
  }

  private start(): Slot | undefined {
    let slot: Slot | undefined;
    try {
      const replies = new ReplyQueue((reply) => slot && this.onReply(slot, reply), (error) => slot && this.fail(slot, error));
      const port = this.makePort(
        (reply) => replies.push(reply),
        (error) => slot && this.fail(slot, error),
      );
      if (!port) {
        this.disable('this extension host cannot start workers');
        return undefined;
      }
      slot = { port };
      this.slots.push(slot);
      return slot;
    } catch (e) {
      this.disable(e);
      return undefined;
    }
  }

  private makePort(onReply: (reply: ParseReply) => void, onError: (error: unknown) => void): WorkerPort | undefined {
    if (typeof workerThreads.Worker === 'function') {
      const worker = new workerThreads.Worker(vscode.Uri.joinPath(this.extensionUri, 'dist', 'node', 'parseWorker.js').fsPath, { resourceLimits: WORKER_LIMITS });
      worker.unref();
      worker.on('message', (reply: ParseReply) => ownWork('a worker\'s reply', () => onReply(reply)));
      worker.on('error', onError);
      worker.on('exit', (code) => code !== 0 && onError(new Error(`the worker stopped (exit code ${code})`)));
      return { post: (request, transfer) => worker.postMessage(request, transfer ?? []), terminate: () => void worker.terminate() };
    }
    const WebWorker = (globalThis as { Worker?: typeof Worker }).Worker;
    if (typeof WebWorker === 'function') {
      const worker = new WebWorker(vscode.Uri.joinPath(this.extensionUri, 'dist', 'web', 'parseWorker.js').toString(true), { name: 'LitNotes parser' });
      worker.onmessage = (event: MessageEvent<ParseReply>) => ownWork('a worker\'s reply', () => onReply(event.data));
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        onError(event.message || 'the worker script could not run');
      };
      return { post: (request, transfer) => worker.postMessage(request, transfer ?? []), terminate: () => worker.terminate() };
    }
    return undefined;
  }

  private onReply(slot: Slot, reply: ParseReply): void {
    const job = slot.job;
    if (!job || reply.id !== job.id) return;
    if ('error' in reply) {
      if (reply.unreadable) this.finish(slot, job, undefined);
      else this.fail(slot, reply.error);
      return;
    }
    const result = job.collector.add(reply.chunk, reply.done);
    if (!result) {
      // Taken: the worker may send one more (a parse waits for this; a build's worker ignores it).
      slot.port.post({ kind: 'ack', id: job.id });
      return;
    }
    this.finish(slot, job, { ...result, index: reply.index, topics: reply.topics, undecided: reply.undecided });
  }

  /** The job is over (undefined: the caller reads the file itself); the worker takes the next. */
  private finish(slot: Slot, job: Job, result: JobResult | undefined): void {
    slot.job = undefined;
    slot.idle = setTimeout(() => this.retire(slot), IDLE_MS);
    job.resolve(result);
    this.pump();
  }

  /** A worker failed: its job (and every later one) goes back to the host. */
  private fail(slot: Slot, error: unknown): void {
    if (slot.ended) return;
    const job = slot.job;
    slot.job = undefined;
    this.disable(error);
    job?.resolve(undefined);
  }

  private disable(error: unknown): void {
    if (!this.broken) log().warn(`Library files are parsed on the extension host's thread: no parse worker (${error instanceof Error ? error.message : String(error)}).`);
    this.broken = true;
    for (const slot of this.slots.splice(0)) {
      slot.job?.resolve(undefined);
      this.end(slot);
    }
    for (const job of this.queue.splice(0)) job.resolve(undefined);
  }

  private retire(slot: Slot): void {
    if (slot.job) return;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    this.end(slot);
  }

  private end(slot: Slot): void {
    slot.ended = true;
    clearTimeout(slot.idle);
    try {
      slot.port.terminate();
    } catch {
      // Already gone.
    }
  }
}
