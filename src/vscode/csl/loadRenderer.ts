import * as vscode from 'vscode';

/** What the lazily loaded CSL bundle (src/csl/entry.ts) exports. */
export type CslRenderer = typeof import('../../csl/entry');

/** Set by esbuild: true in the web bundle, false in the Node bundle. */
declare const LITNOTES_WEB: boolean;

let loading: Promise<CslRenderer> | undefined;

/**
 * Loads citeproc and the renderer on first use, so activation never pays
 * for them. Node: `require` of dist/node/csl.js. Web worker: VS Code blocks
 * `importScripts` there, but the worker is an ES module worker whose CSP
 * allows blob: scripts, so dist/web/csl.js (an ES module) is read through
 * `workspace.fs` and imported from a blob URL. A failed load is retried on
 * the next call.
 */
export function loadRenderer(extensionUri: vscode.Uri): Promise<CslRenderer> {
  loading ??= load(extensionUri).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(extensionUri: vscode.Uri): Promise<CslRenderer> {
  if (!LITNOTES_WEB) {
    // A runtime path: esbuild leaves this require alone, Node reads the sibling bundle.
    const file = vscode.Uri.joinPath(extensionUri, 'dist', 'node', 'csl.js').fsPath;
    return require(file) as CslRenderer;
  }
  const code = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'csl.js'));
  const url = URL.createObjectURL(new Blob([code as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }));
  try {
    return (await import(/* webpackIgnore: true */ url)) as CslRenderer;
  } finally {
    URL.revokeObjectURL(url);
  }
}
