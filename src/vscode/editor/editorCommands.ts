import * as vscode from 'vscode';
import { keyWords } from '../../core/citations/closestKeys';
import type { Paper } from '../../core/model';
import { authorsShort } from '../../core/render/views';
import { showAbstract } from '../abstract/abstractDocument';
import { pickPapers } from '../commands/pickPaper';
import type { RecentPapers } from '../commands/recentPapers';
import type { LibraryService } from '../library/libraryService';

/** Opens the paper's entry in its source file at its line; papers of the embedded library show their abstract. */
export async function openSourceEntry(paper: Paper): Promise<void> {
  if (paper.origin.kind === 'corpus') return showAbstract(paper);
  const line = Math.max(0, (paper.origin.line ?? 1) - 1);
  const position = new vscode.Position(line, 0);
  await vscode.window.showTextDocument(vscode.Uri.parse(paper.origin.source), { selection: new vscode.Range(position, position) });
}

/**
 * The "Search LitNotes…" quick fix: opens the search seeded with the words of
 * an unknown key and puts the chosen paper's key in its place (if the text
 * there is still the same key).
 */
export async function replaceKeyFromSearch(library: LibraryService, recent: RecentPapers, args: unknown[]): Promise<boolean> {
  const [uri, startLine, startCharacter, endLine, endCharacter] = args;
  if (typeof uri !== 'string' || ![startLine, startCharacter, endLine, endCharacter].every((n) => typeof n === 'number')) return false;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const range = new vscode.Range(startLine as number, startCharacter as number, endLine as number, endCharacter as number);
  const key = document.getText(range);
  const result = await pickPapers(library, recent, { title: vscode.l10n.t('LitNotes: Replace "{0}"', key), canSelectMany: false, value: keyWords(key) });
  const paper = result?.papers[0];
  if (!paper || document.getText(range) !== key) return false;
  await recent.use([paper]);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, paper.key);
  return vscode.workspace.applyEdit(edit);
}

/** Papers like this one (`SearchIndex.related`), in a quick pick; choosing one shows its abstract. */
export async function showRelatedPapers(library: LibraryService, paper: Paper): Promise<Paper | undefined> {
  const snapshot = await library.get();
  const items = snapshot.index.related(paper.key, 20).map((hit) => ({
    label: hit.paper.title,
    description: [hit.paper.key, authorsShort(hit.paper.authors), hit.paper.year].filter(Boolean).join(' · '),
    detail: hit.snippet,
    paper: hit.paper,
  }));
  const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Related to "{0}"', paper.title), matchOnDescription: true });
  if (chosen) await showAbstract(chosen.paper);
  return chosen?.paper;
}
