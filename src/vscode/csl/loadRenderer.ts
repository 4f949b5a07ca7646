import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import type * as CslBundle from '../../csl/entry';
import { log } from '../log';

type RenderOptions = CslBundle.RenderOptions;

/** The CSL renderer as the commands use it: asynchronous, wherever it runs. */
export interface CslRenderer {
  renderReferences(papers: readonly Paper[], options: RenderOptions): Promise<string[]>;
}

/** The style or locale cannot be used; the message says why (a CslStyleError of the renderer). */
export class CslStyleProblem extends Error {}

/** Set by esbuild: true in the web bundle, false in the Node bundle. */
declare const LITNOTES_WEB: boolean;

const WORKER_NAME = 'litnotes-csl'; // CSL_WORKER_NAME in src/csl/protocol.ts (not imported: that module is in the lazy bundle)

let loading: Promise<CslRenderer> | undefined;

/**
 * citeproc and the renderer, loaded on first use so activation never pays
 * for them (dist/node/csl.js, dist/web/csl.js), and run in a worker of their
 * own: citeproc works synchronously, and building the APA engine takes about
 * a second the first time. Node: a worker_threads worker. Web: VS Code blocks
 * `importScripts` in the extension host worker but lets it start nested
 * workers, whose CSP allows blob: scripts; the bundle is read through
 * `workspace.fs` and started from a blob URL. Where no worker can start, the
 * bundle is loaded into the extension host instead (`require`, or an import
 * from the blob URL) and renders there. A failed load is retried next time.
 */
export function loadRenderer(extensionUri: vscode.Uri): Promise<CslRenderer> {
  loading ??= load(extensionUri).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Ends the worker, if one runs (the extension's deactivation). */
export function disposeRenderer(): void {
  void loading?.then((renderer) => (renderer as Partial<WorkerRenderer>).terminate?.(), () => undefined);
  loading = undefined;
}

async function load(extensionUri: vscode.Uri): Promise<CslRenderer> {
  if (!LITNOTES_WEB) {
    const file = vscode.Uri.joinPath(extensionUri, 'dist', 'node', 'csl.js').fsPath;
    try {
      // A runtime path: esbuild leaves these requires alone.
      const { Worker } = require('worker_threads') as typeof import('worker_threads');
      return new WorkerRenderer(new Worker(file, { workerData: WORKER_NAME }), async () => inProcess(require(file) as typeof CslBundle));
    } catch (error) {
      log().warn('The CSL worker could not start; formatting in the extension host', error);
      return inProcess(require(file) as typeof CslBundle);
    }
  }
  const code = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'csl.js'));
  const url = URL.createObjectURL(new Blob([code as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }));
  const importHere = async () => {
    await import(/* webpackIgnore: true */ url);
    return inProcess((globalThis as { litnotesCsl?: typeof CslBundle }).litnotesCsl as typeof CslBundle);
  };
  try {
    return new WorkerRenderer(new Worker(url, { name: WORKER_NAME }), importHere);
  } catch (error) {
    log().warn('The CSL worker could not start; formatting in the extension host', error);
    return importHere();
  }
}

/** The bundle loaded into the extension host: renders there. */
function inProcess(bundle: typeof CslBundle): CslRenderer {
  return {
    async renderReferences(papers, options) {
      try {
        return bundle.renderReferences(papers, options);
      } catch (error) {
        throw error instanceof bundle.CslStyleError ? new CslStyleProblem(error.message) : error;
      }
    },
  };
}

interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

/** Requests to the worker, answered by id. If the worker fails, this and later requests fall back to `fallback()`. */
class WorkerRenderer implements CslRenderer {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (entries: string[]) => void; reject: (error: Error) => void; retry: () => void }>();
  private fallback?: Promise<CslRenderer>;
  private answered = false;

  constructor(private readonly worker: WorkerLike & object, private readonly startFallback: () => Promise<CslRenderer>) {
    const onReply = (reply: CslBundle.RenderReply) => {
      if (!this.answered) log().info('References are formatted in a worker of their own (CSL worker running)');
      this.answered = true;
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('entries' in reply) waiting.resolve(reply.entries);
      else waiting.reject(reply.error.style ? new CslStyleProblem(reply.error.message) : new Error(reply.error.message));
    };
    const onFailure = (error: unknown) => {
      log().warn('The CSL worker failed; formatting in the extension host from now on', error);
      this.useFallback();
    };
    const events = worker as unknown as { on?: (e: string, f: (x: never) => void) => void; addEventListener?: (e: string, f: (x: never) => void) => void };
    if (events.on) {
      events.on('message', onReply);
      events.on('error', onFailure);
    } else {
      events.addEventListener?.('message', (event: MessageEvent<CslBundle.RenderReply>) => onReply(event.data));
      events.addEventListener?.('error', (event: ErrorEvent) => {
        event.preventDefault?.();
        onFailure(event.message || 'the worker script failed');
      });
    }
  }

  private useFallback(): Promise<CslRenderer> {
    if (!this.fallback) {
      this.fallback = this.startFallback();
      void this.worker.terminate();
      for (const waiting of this.pending.values()) waiting.retry();
      this.pending.clear();
    }
    return this.fallback;
  }

  renderReferences(papers: readonly Paper[], options: RenderOptions): Promise<string[]> {
    if (this.fallback) return this.fallback.then((r) => r.renderReferences(papers, options));
    return new Promise<string[]>((resolve, reject) => {
      const id = this.nextId++;
      const retry = () => this.useFallback().then((r) => r.renderReferences(papers, options)).then(resolve, reject);
      this.pending.set(id, { resolve, reject, retry });
      this.worker.postMessage({ id, papers: [...papers], options } satisfies CslBundle.RenderRequest);
    });
  }

  terminate(): void {
    void this.worker.terminate();
  }
}
