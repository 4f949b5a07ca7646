// The worker side: when this bundle runs as the CSL worker, it answers render
// requests, so citeproc's synchronous work never holds the extension host.
import { CslStyleError, renderReferences } from '../core/csl/render';
import { CSL_WORKER_NAME, type RenderReply, type RenderRequest } from './protocol';

function answer(request: RenderRequest): RenderReply {
  try {
    return { id: request.id, entries: renderReferences(request.papers, request.options) };
  } catch (error) {
    return { id: request.id, error: { style: error instanceof CslStyleError, message: error instanceof Error ? error.message : String(error) } };
  }
}

/** Starts answering when this bundle is the CSL worker; does nothing when it is loaded into the extension host. */
export function serveIfWorker(): void {
  // Node: a worker_threads worker started with workerData = CSL_WORKER_NAME.
  if (typeof process === 'object' && process.versions?.node) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const threads = require('worker_threads') as typeof import('worker_threads');
    if (!threads.isMainThread && threads.workerData === CSL_WORKER_NAME && threads.parentPort) {
      const port = threads.parentPort;
      port.on('message', (request: RenderRequest) => port.postMessage(answer(request)));
    }
    return;
  }
  // Web: a dedicated worker whose name ends with CSL_WORKER_NAME (VS Code prefixes the names of nested workers).
  const scope = globalThis as unknown as { name?: string; postMessage?: (m: unknown) => void; onmessage?: unknown };
  if (typeof scope.name === 'string' && scope.name.endsWith(CSL_WORKER_NAME) && typeof scope.postMessage === 'function') {
    const post = scope.postMessage.bind(globalThis);
    scope.onmessage = (event: MessageEvent<RenderRequest>) => post(answer(event.data));
  }
}
