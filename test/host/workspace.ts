import * as vscode from 'vscode';
import type { LitNotesApi } from '../../src/vscode/api';
import type { LibraryService } from '../../src/vscode/library/libraryService';
import type { PaperTreeProvider, TreeNode } from '../../src/vscode/views/paperTree';

export const EXTENSION_ID = 'litnotes.litnotes';

export async function activateApi(): Promise<LitNotesApi> {
  const extension = vscode.extensions.getExtension<LitNotesApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.activate();
}

/** What `activate()` exposes to these tests under Symbol.for('litnotes.testHook'). */
export interface TestHook {
  tree: PaperTreeProvider;
  library: LibraryService;
  /** A second library service on the same storage, as after a restart. */
  openLibrary(): LibraryService;
}

export async function testHook(): Promise<TestHook> {
  const api = await activateApi();
  return (api as unknown as Record<symbol, TestHook>)[Symbol.for('litnotes.testHook')];
}

export async function treeProvider(): Promise<PaperTreeProvider> {
  return (await testHook()).tree;
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

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with the next library change, or rejects after `timeoutMs`. */
export function nextChange(api: LitNotesApi, timeoutMs = 8000): Promise<void> {
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
