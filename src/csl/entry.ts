// The lazily loaded CSL bundle (dist/node/csl.js, dist/web/csl.js): citeproc
// and the renderer. The main bundles never import this; see
// src/vscode/csl/loadRenderer.ts.
export { CslStyleError, renderReferences, styleTitle } from '../core/csl/render';
export type { ReferenceFormat, RenderOptions } from '../core/csl/render';
