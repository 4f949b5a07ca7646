import * as vscode from 'vscode';
import type { LitNotesApi } from '../../src/vscode/api';
import { LibraryService } from '../../src/vscode/library/libraryService';
import { PaperTreeProvider, type TreeNode } from '../../src/vscode/views/paperTree';

export const EXTENSION_ID = 'litnotes.litnotes';

export async function activateApi(): Promise<LitNotesApi> {
  const extension = vscode.extensions.getExtension<LitNotesApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.activate();
}

/**
 * A library service of the tests' own, built from the extension's code on the
 * sample workspace, as the extension builds its own. `storage` is where it
 * saves (a folder in the workspace); two services on one storage behave as
 * the extension does across a restart.
 */
export function openLibrary(storage = file('.test-storage', 'default')): LibraryService {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return new LibraryService(extension.extensionUri, storage, String(extension.packageJSON.version));
}

let shared: { library: LibraryService; tree: PaperTreeProvider } | undefined;

/** One tree over one test library, shared by the tests that read the tree as VS Code would. */
export function treeProvider(): PaperTreeProvider {
  if (!shared) {
    const library = openLibrary();
    shared = { library, tree: new PaperTreeProvider(library) };
  }
  return shared.tree;
}

export function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  if (!first) throw new Error('the tests need the sample workspace open');
  return first.uri;
}

export function file(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(folder(), ...segments);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Whether a file or folder is at `uri` (the extension's own check). */
export { exists } from '../../src/vscode/notes/createNote';

/** Resolves with the next library change, or rejects after `timeoutMs`. */
export function nextChange(api: LitNotesApi, timeoutMs = 30000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no library change within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = api.onDidChange(() => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

export type { TreeNode };
