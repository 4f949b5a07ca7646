import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import type { PaperAction } from './pickPaper';

interface ActionItem extends vscode.QuickPickItem {
  action: PaperAction;
}

/** The actions on one paper, in the order a reader tends to need them. */
function actionItems(): ActionItem[] {
  return [
    { action: 'abstract', label: `$(preview) ${vscode.l10n.t('Show Abstract')}` },
    { action: 'note', label: `$(notebook) ${vscode.l10n.t('Create or Open Note')}` },
    { action: 'stub', label: `$(insert) ${vscode.l10n.t('Insert Note Stub')}` },
    { action: 'reference', label: `$(book) ${vscode.l10n.t('Insert Formatted Reference')}` },
    { action: 'copyKey', label: `$(copy) ${vscode.l10n.t('Copy Key')}` },
    { action: 'related', label: `$(references) ${vscode.l10n.t('Show Related Papers')}` },
  ];
}

/** Asks what to do with `paper` (the search's "More Actions…" button); undefined when dismissed. */
export async function choosePaperAction(paper: Paper): Promise<PaperAction | undefined> {
  const chosen = await vscode.window.showQuickPick(actionItems(), {
    title: vscode.l10n.t('LitNotes: {0}', paper.title),
    placeHolder: vscode.l10n.t('What to do with {0}', paper.key),
  });
  return chosen?.action;
}
