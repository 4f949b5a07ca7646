import * as vscode from 'vscode';
import { firstLineOf } from '../../core/lines';
import type { Paper } from '../../core/model';
import { toBibtex } from '../../core/render/bibtex';
import { showAbstract } from '../abstract/abstractDocument';
import { Commands, ContextKeys, type CommandId } from '../ids';
import type { LibraryService } from '../library/libraryService';
import type { TopicNames } from '../library/topicNames';
import { log } from '../log';
import { exportCitedEntries, openSourceEntry, replaceKeyFromSearch, showRelatedPapers } from '../editor/editorCommands';
import { copyFormattedReference, insertBibliography, insertFormattedReference, type FormattedReferences } from '../csl/formattedReferences';
import { createOrOpenNote } from '../notes/createNote';
import type { GroupBy, PaperTreeProvider } from '../views/paperTree';
import { insertCitation, insertNoteStub } from './insert';
import { choosePaperAction } from './paperActionMenu';
import { pickPapers, type PaperAction } from './pickPaper';
import type { RecentPapers } from './recentPapers';
import { papersFromArgs } from './resolvePapers';

interface Deps {
  library: LibraryService;
  references: FormattedReferences;
  recent: RecentPapers;
  tree: PaperTreeProvider;
  topicNames: TopicNames;
}

/** Registers every command. Run from the palette they ask for papers; from the tree or the API they act on the given ones. */
export function registerCommands({ library, recent, tree, references, topicNames }: Deps): vscode.Disposable[] {
  const ask = async (title: string, canSelectMany: boolean) => (await pickPapers(library, recent, { title, canSelectMany }))?.papers;
  const target = async (first: unknown, second: unknown, title: string, canSelectMany = false): Promise<Paper[] | undefined> =>
    (await papersFromArgs(library, first, second)) ?? (await ask(title, canSelectMany));
  const editorOrWarn = (): vscode.TextEditor | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) void vscode.window.showWarningMessage(vscode.l10n.t('Open an editor to insert into, then try again.'));
    return editor;
  };
  /** A command that writes into the active editor (warning without one) for the papers it was given, or asks for them. */
  const intoEditor = (title: string, write: (editor: vscode.TextEditor, papers: Paper[]) => Promise<unknown>) => async (first: unknown, second: unknown) => {
    const editor = editorOrWarn();
    if (!editor) return;
    const papers = await target(first, second, title, true);
    if (!papers) return;
    await recent.use(papers);
    return write(editor, papers);
  };
  const settings = () => library.current().settings;
  const plainReferences = (papers: Paper[]) => references.text(papers, 'text');

  const actions: Record<PaperAction, (paper: Paper) => Promise<unknown>> = {
    abstract: (paper) => showAbstract(paper),
    note: async (paper) => {
      await createOrOpenNote(paper, settings(), library.current().notes.get(paper.key));
      await library.reload();
    },
    stub: async (paper) => {
      const editor = editorOrWarn();
      if (editor) await insertNoteStub(editor, paper, settings());
    },
    copyKey: async (paper) => vscode.env.clipboard.writeText(paper.key),
    related: (paper) => showRelatedPapers(library, paper),
    // With an editor open the reference goes in at the cursor; without one it is copied.
    reference: async (paper) => {
      const editor = vscode.window.activeTextEditor;
      if (editor) return insertFormattedReference(editor, [paper], references);
      return copyFormattedReference([paper], references, 'text');
    },
  };

  const setGroupBy = (groupBy: GroupBy) => async () => {
    tree.setGroupBy(groupBy);
    await vscode.commands.executeCommand('setContext', ContextKeys.groupBy, groupBy);
  };

  const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
    [Commands.search]: async () => {
      const editor = vscode.window.activeTextEditor;
      const result = await pickPapers(library, recent, { title: vscode.l10n.t('LitNotes: Search Papers'), canSelectMany: !!editor, actions: true });
      if (!result?.papers.length) return;
      await recent.use(result.papers);
      const action = result.action === 'more' ? await choosePaperAction(result.papers[0]) : result.action;
      if (result.action) return action && actions[action](result.papers[0]);
      // Enter cites in the active editor; with no editor it shows the abstract.
      if (editor) await insertCitation(editor, result.papers, settings(), plainReferences);
      else await showAbstract(result.papers[0]);
    },
    [Commands.insertCitation]: intoEditor(vscode.l10n.t('LitNotes: Insert Citation'), (editor, papers) =>
      insertCitation(editor, papers, settings(), plainReferences)),
    [Commands.insertNoteStub]: async (first, second) => {
      const editor = editorOrWarn();
      if (!editor) return;
      const [paper] = (await target(first, second, vscode.l10n.t('LitNotes: Insert Note Stub'))) ?? [];
      if (paper) await actions.stub(paper);
    },
    [Commands.createNote]: async (first, second) => {
      const [paper] = (await target(first, second, vscode.l10n.t('LitNotes: Create or Open Note'))) ?? [];
      if (paper) await actions.note(paper);
    },
    [Commands.openAbstract]: async (first, second) => {
      const [paper] = (await target(first, second, vscode.l10n.t('LitNotes: Show Abstract'))) ?? [];
      if (paper) await actions.abstract(paper);
    },
    [Commands.copyKey]: async (first, second) => {
      const papers = await target(first, second, vscode.l10n.t('LitNotes: Copy Key'), true);
      if (papers) await vscode.env.clipboard.writeText(papers.map((p) => p.key).join(','));
    },
    [Commands.copyBibtex]: async (first, second) => {
      const papers = await target(first, second, vscode.l10n.t('LitNotes: Copy as BibTeX'), true);
      if (papers) await vscode.env.clipboard.writeText(papers.map(toBibtex).join('\n'));
    },
    [Commands.refresh]: () => library.reload(),
    [Commands.groupByTopic]: setGroupBy('topic'),
    [Commands.groupByYear]: setGroupBy('year'),
    [Commands.groupBySource]: setGroupBy('source'),
    [Commands.groupByKeyword]: setGroupBy('keyword'),
    [Commands.renameTopic]: (node) => renameTopic(library, topicNames, node),
    [Commands.rediscoverTopics]: () => library.rediscover(),
    [Commands.showLog]: () => log().show(),
    [Commands.showMore]: (group) => tree.showMore(String(group)),
    [Commands.openSourceEntry]: async (first, second) => {
      const [paper] = (await target(first, second, vscode.l10n.t('LitNotes: Open Source Entry'))) ?? [];
      if (paper) await openSourceEntry(paper);
    },
    [Commands.showRelated]: async (first, second) => {
      const [paper] = (await target(first, second, vscode.l10n.t('LitNotes: Show Related Papers'))) ?? [];
      if (paper) return showRelatedPapers(library, paper);
    },
    [Commands.replaceCitationKey]: (...args) => replaceKeyFromSearch(library, recent, args),
    [Commands.exportCited]: (target, scope) => exportCitedEntries(library, target, scope),
    [Commands.insertFormattedReference]: intoEditor(vscode.l10n.t('LitNotes: Insert Formatted Reference'), (editor, papers) =>
      insertFormattedReference(editor, papers, references)),
    [Commands.copyFormattedReference]: async (first, second, format) => {
      const papers = await target(first, second, vscode.l10n.t('LitNotes: Copy Formatted Reference'), true);
      if (papers) return copyFormattedReference(papers, references, format);
    },
    [Commands.insertBibliography]: async () => {
      const editor = editorOrWarn();
      if (editor) return insertBibliography(editor, library, references);
    },
  };

  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      log().error(`Command ${id} failed`, error);
      // Not awaited: the command returns while the message is still on screen.
      void vscode.window.showErrorMessage(
        vscode.l10n.t('LitNotes: {0}', firstLineOf(error)), vscode.l10n.t('Show Log'))
        .then((choice) => choice && log().show());
      return undefined;
    }
  }));
}

/** Asks for a new name for a topic (the tree's topic row, or one picked from the list) and keeps it, by topic id. */
async function renameTopic(library: LibraryService, names: TopicNames, node: unknown): Promise<void> {
  const snapshot = await library.get();
  let id = typeof node === 'object' && node !== null && 'id' in node && typeof node.id === 'string' ? node.id : undefined;
  if (!id || !snapshot.topicLabels.has(id)) {
    const picked = await vscode.window.showQuickPick(
      [...snapshot.topicLabels].map(([topicId, label]) => ({ label, description: topicId, id: topicId })),
      { title: vscode.l10n.t('LitNotes: Rename Topic'), placeHolder: vscode.l10n.t('Topic to rename') },
    );
    id = picked?.id;
  }
  if (!id) return;
  const current = snapshot.topicLabels.get(id) ?? id;
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('LitNotes: Rename Topic'),
    prompt: vscode.l10n.t('New name for "{0}" (empty: back to the name LitNotes gives it)', current),
    value: current,
  });
  if (name === undefined) return;
  await names.set(id, name);
  library.renamed();
}
