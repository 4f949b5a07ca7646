// The lazily loaded CSL bundle (dist/node/csl.js, dist/web/csl.js): citeproc
// and the renderer. The main bundles never import this; see
// src/vscode/csl/loadRenderer.ts. The same file serves three ways:
// - Node: `require`d (its exports), or started as a worker_threads worker;
// - web: imported from a blob URL into the extension host (it then sets
//   `globalThis.litnotesCsl`), or started as a nested worker (classic script).
import { CslStyleError, renderReferences, styleTitle } from '../core/csl/render';
import { serveIfWorker } from './serveWorker';

export { CslStyleError, renderReferences, styleTitle };
export type { ReferenceFormat, RenderOptions } from '../core/csl/render';
export { CSL_WORKER_NAME } from './protocol';
export type { RenderReply, RenderRequest } from './protocol';

(globalThis as { litnotesCsl?: unknown }).litnotesCsl = { CslStyleError, renderReferences, styleTitle };
serveIfWorker();
