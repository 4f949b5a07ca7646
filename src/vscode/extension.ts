import * as vscode from 'vscode';
import { AbstractDocumentProvider } from './abstract/abstractDocument';
import { createApi, type LitNotesApi } from './api';
import { RecentPapers } from './commands/recentPapers';
import { registerCommands } from './commands/registerCommands';
import { registerEditorFeatures } from './editor/registerEditorFeatures';
import { ABSTRACT_SCHEME, ContextKeys, Views } from './ids';
import { LibraryService } from './library/libraryService';
import { registerProblemsPanel } from './library/problemsPanel';
import { disposeLog } from './log';
import { PaperTreeProvider } from './views/paperTree';

/**
 * Wires the features together. Nothing is loaded here: the library is read
 * when the view, a command or the API first needs it.
 */
export function activate(context: vscode.ExtensionContext): LitNotesApi {
  const openLibrary = () => new LibraryService(context.extensionUri, context.storageUri ?? context.globalStorageUri, String(context.extension.packageJSON.version));
  const library = openLibrary();
  const tree = new PaperTreeProvider(library);
  const recent = new RecentPapers(context.workspaceState);
  const changed = new vscode.EventEmitter<void>();
  const abstracts = new AbstractDocumentProvider(library);

  context.subscriptions.push(
    library,
    tree,
    changed,
    library.onDidChange(() => changed.fire()),
    vscode.window.createTreeView(Views.papers, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true }),
    abstracts,
    vscode.workspace.registerTextDocumentContentProvider(ABSTRACT_SCHEME, abstracts),
    registerProblemsPanel(library),
    ...registerCommands({ library, recent, tree }),
    ...registerEditorFeatures(library),
    { dispose: disposeLog },
  );
  void vscode.commands.executeCommand('setContext', ContextKeys.groupBy, 'topic');
  const api = createApi(library, changed.event);
  // In-host tests read the tree as VS Code sees it, and open a second library on the
  // same storage to check what a restart restores; hidden from ordinary use.
  Object.defineProperty(api, TEST_HOOK, { value: { tree, library, openLibrary }, enumerable: false });
  return api;
}

/** Symbol under which `activate()`'s result exposes the tree provider to in-host tests. */
export const TEST_HOOK = Symbol.for('litnotes.testHook');

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
