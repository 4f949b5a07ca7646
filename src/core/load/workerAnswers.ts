/**
 * The worker's side of the parse protocol (src/core/load/workerProtocol.ts):
 * parse a file, or build a library from parts. Apart from the protocol, so
 * the extension host's bundle, which only sends and receives, holds no parser.
 */
import { buildLibrary } from '../library/buildLibrary';
import type { DraftPaper, DraftParseResult, Problem } from '../model';
import { SearchIndex } from '../search/searchIndex';
import { runToEnd, type Steps } from '../slices';
import type { TopicState } from '../topics/topicModes';
import type { ByteSource } from './byteSource';
import { snapPart } from './fileParts';
import { parseFileSteps } from './parseFile';
import { parseBibtexPartSteps, type FilePart } from '../sources/bibtex';
import { PAPERS_PER_CHUNK, ParseResultCollector, resultChunks, type BuildPart, type BuildRequest, type ParseReply, type ParseRequest, type WorkerRequest } from './workerProtocol';

/** A file opened for reading; closed once parsed. */
export interface OpenFile extends ByteSource {
  close(): void;
}

/** The worker's side of all requests. Never throws. */
export class WorkerAnswers {
  private readonly builds = new Map<number, Array<ParseResultCollector>>();
  /** Parses that wait for the host: chunks acknowledged so far, and how to wake the parse. */
  private readonly flows = new Map<number, { acked: number; wake?: () => void }>();

  /** `openFile`: a local file as a source to read from (a Node worker); without it, requests carry bytes. */
  constructor(private readonly post: (reply: ParseReply, transfer?: ArrayBuffer[]) => void, private readonly openFile?: (path: string) => OpenFile) {}

  answer(request: WorkerRequest): void {
    const fail = (e: unknown) => {
      this.builds.delete(request.id);
      this.flows.delete(request.id);
      this.post({ id: request.id, error: String(e instanceof Error ? e.message : e) });
    };
    try {
      if (request.kind === 'build-part') this.addPart(request);
      else if (request.kind === 'build') this.build(request);
      else if (request.kind === 'ack') this.acknowledged(request.id);
      else this.parse(request).catch(fail);
    } catch (e) {
      fail(e);
    }
  }

  private acknowledged(id: number): void {
    const flow = this.flows.get(id);
    if (!flow) return;
    flow.acked++;
    const wake = flow.wake;
    flow.wake = undefined;
    wake?.();
  }

  private async parse(request: ParseRequest): Promise<void> {
    let file: OpenFile | undefined;
    if (request.path !== undefined) {
      if (!this.openFile) throw new Error('this worker cannot read files');
      try {
        file = this.openFile(request.path);
      } catch (e) {
        this.post({ id: request.id, error: String(e instanceof Error ? e.message : e), unreadable: true });
        return;
      }
    }
    try {
      const bytes = file ?? request.bytes;
      if (!bytes) throw new Error('a parse request without bytes or a path');
      await this.parseBytes(request, bytes, request.part && file ? snapPart(file, request.part) : request.part);
    } finally {
      file?.close();
    }
  }

  private async parseBytes(request: ParseRequest, bytes: Uint8Array | ByteSource, part: FilePart | undefined): Promise<void> {
    // BibTeX papers go out in chunks as they are made, so the worker never holds a whole file's papers;
    // no separate copy of their strings: the JSON of the chunks gives each its own.
    const encoder = new TextEncoder();
    let pending: DraftPaper[] = [];
    let sent = 0;
    let undecided = false;
    const send = (papers: DraftPaper[], done: boolean, problems?: Problem[]) => {
      const chunk = encoder.encode(JSON.stringify(problems ? { papers, problems } : { papers }));
      this.post(undecided ? { id: request.id, chunk, done, undecided } : { id: request.id, chunk, done }, [chunk.buffer as ArrayBuffer]);
      sent++;
    };
    const onPapers = (papers: DraftPaper[]) => {
      for (const paper of papers) {
        pending.push(paper);
        if (pending.length === PAPERS_PER_CHUNK) {
          send(pending, false);
          pending = [];
        }
      }
    };
    const options = { detach: false, onPapers };
    const steps: Steps<DraftParseResult & { undecided?: boolean }> = part
      ? parseBibtexPartSteps(bytes, part, request.source, options)
      : parseFileSteps(bytes, request.source, options);
    const limit = request.inFlight;
    const flow = limit ? { acked: 0 } as { acked: number; wake?: () => void } : undefined;
    if (flow) this.flows.set(request.id, flow);
    try {
      let step = steps.next();
      while (!step.done) {
        // Between steps, the parse waits while the host has too many of its chunks still to take.
        while (flow && limit && sent - flow.acked >= limit) await new Promise<void>((resolve) => (flow.wake = resolve));
        step = steps.next();
      }
      const { papers, problems } = step.value;
      undecided = step.value.undecided === true;
      // Other kinds of file return their papers at the end; the problems go with the last chunk.
      onPapers(papers);
      send(pending, true, problems);
    } finally {
      this.flows.delete(request.id);
    }
  }

  private addPart(part: BuildPart): void {
    const sources = this.builds.get(part.id) ?? [];
    this.builds.set(part.id, sources);
    (sources[part.source] ??= new ParseResultCollector()).add(part.json, false);
  }

  private build(request: BuildRequest): void {
    const collected = this.builds.get(request.id) ?? [];
    this.builds.delete(request.id);
    const sources: DraftParseResult[] = [];
    for (let i = 0; i < request.sources; i++) sources.push(collected[i]?.add('{"papers":[]}', true) ?? { papers: [], problems: [] });
    const built = runToEnd(buildLibrary(sources, request.taxonomy, SearchIndex.empty(), { mode: request.topicsMode }));
    // The topics go back as JSON; the learnt model stays here (the next reload's discovery learns it again, with the same ids).
    const topics = JSON.stringify({ topics: built.topics.topics, placed: built.topics.placed } satisfies TopicState);
    this.postChunks(request.id, built.papers, built.problems, built.index.toBytes(), topics);
  }

  private postChunks<P>(id: number, papers: readonly P[], problems: Problem[], index?: Uint8Array, topics?: string): void {
    // One chunk made and posted at a time: all of a 25k-entry file's chunks at once were 100 MB more of JSON text.
    const encoder = new TextEncoder();
    const chunks = resultChunks(papers, problems);
    let next = chunks.next();
    while (!next.done) {
      const after = chunks.next();
      const done = after.done === true;
      const chunk = encoder.encode(next.value);
      const transfer = [chunk.buffer as ArrayBuffer];
      if (done && index) this.post({ id, chunk, done, index, topics }, [...transfer, index.buffer as ArrayBuffer]);
      else this.post({ id, chunk, done }, transfer);
      next = after;
    }
  }
}
