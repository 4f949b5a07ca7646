import * as vscode from 'vscode';
import type * as ParserBundle from '../../parser/entry';
import { ownWork } from './loopLag';

export type Parsers = typeof ParserBundle;

/** Set by esbuild: true in the web bundle, false in the Node bundle. */
declare const LITNOTES_WEB: boolean;

/** One load per extension URI (the extension has one; tests may make more services on it). */
const loads = new Map<string, Promise<Parsers>>();

/**
 * The parsers, loaded on first use from their own bundle (dist/node/parser.js
 * or dist/web/parser.js), so activation never loads citation-js. Node:
 * `require`. Web: the extension host's worker cannot `importScripts`, so the
 * bundle is read through `workspace.fs` and imported from a blob URL. A
 * failed load is forgotten, so the next parse tries again.
 */
export function loadParsers(extensionUri: vscode.Uri): Promise<Parsers> {
  const id = extensionUri.toString();
  let loading = loads.get(id);
  if (!loading) {
    loading = load(extensionUri);
    loads.set(id, loading);
    loading.catch(() => loads.delete(id));
  }
  return loading;
}

async function load(extensionUri: vscode.Uri): Promise<Parsers> {
  if (!LITNOTES_WEB) {
    // A runtime path: esbuild leaves this require alone.
    // Compiling the bundle blocks the thread: the event-loop watch counts it as ours.
    return ownWork('the parser bundle\'s load', () => require(vscode.Uri.joinPath(extensionUri, 'dist', 'node', 'parser.js').fsPath) as Parsers);
  }
  const code = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'parser.js'));
  const url = URL.createObjectURL(new Blob([code as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }));
  try {
    await import(/* webpackIgnore: true */ url);
  } finally {
    URL.revokeObjectURL(url);
  }
  const parsers = (globalThis as { litnotesParser?: Parsers }).litnotesParser;
  if (!parsers) throw new Error('the parser bundle did not load');
  return parsers;
}
