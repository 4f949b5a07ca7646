import * as vscode from 'vscode';
import { AbstractDocumentProvider } from './abstract/abstractDocument';
import { createApi, type LitNotesApi } from './api';
import { RecentPapers } from './commands/recentPapers';
import { registerCommands } from './commands/registerCommands';
import { FormattedReferences } from './csl/formattedReferences';
import { disposeRenderer } from './csl/loadRenderer';
import { registerEditorFeatures } from './editor/registerEditorFeatures';
import { WorkspaceCitations } from './editor/workspaceCitations';
import { ABSTRACT_SCHEME, ContextKeys, Views } from './ids';
import { LibraryService } from './library/libraryService';
import { registerProblemsPanel } from './library/problemsPanel';
import { TopicNames } from './library/topicNames';
import { disposeLog } from './log';
import { PaperTreeProvider } from './views/paperTree';
import { TreeCitations } from './views/treeCitations';

/**
 * Wires the features together. Nothing is loaded here: the library is read
 * when the view, a command or the API first needs it.
 */
export function activate(context: vscode.ExtensionContext): LitNotesApi {
  const topicNames = new TopicNames(context.workspaceState);
  const library = new LibraryService(context.extensionUri, context.storageUri ?? context.globalStorageUri, String(context.extension.packageJSON.version), topicNames);
  whenSaved = () => library.whenSaved();
  const workspaceCitations = new WorkspaceCitations();
  const treeCitations = new TreeCitations(library, workspaceCitations);
  const tree = new PaperTreeProvider(library, treeCitations);
  const recent = new RecentPapers(context.workspaceState);
  const changed = new vscode.EventEmitter<void>();
  const abstracts = new AbstractDocumentProvider(library);

  context.subscriptions.push(
    library,
    workspaceCitations,
    treeCitations,
    tree,
    changed,
    library.onDidChange(() => changed.fire()),
    vscode.window.createTreeView(Views.papers, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true }),
    abstracts,
    vscode.workspace.registerTextDocumentContentProvider(ABSTRACT_SCHEME, abstracts),
    registerProblemsPanel(library),
    ...registerCommands({ library, recent, tree, references: new FormattedReferences(context.extensionUri), topicNames }),
    ...registerEditorFeatures(library, workspaceCitations),
    { dispose: disposeLog },
    { dispose: disposeRenderer },
  );
  void vscode.commands.executeCommand('setContext', ContextKeys.groupBy, 'topic');
  return createApi(library, changed.event);
}

/** Set by `activate`: waits for the library's save in progress. */
let whenSaved: () => Promise<void> = () => Promise.resolve();

/** Everything is disposed through context.subscriptions; a save in progress is let finish, so the next start can restore it. */
export function deactivate(): Promise<void> {
  return whenSaved();
}
