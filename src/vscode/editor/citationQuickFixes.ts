import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { LibrarySnapshot } from '../library/snapshot';
import { UNKNOWN_KEY } from './citationDiagnostics';
import { suggestionsFor } from './citationHover';
import type { DocumentBibliographies } from './documentBibliographies';

/** Fixes for an unknown key: each closest key, and "Search LitNotes…" to pick the paper. */
export class CitationQuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly snapshot: () => Promise<LibrarySnapshot>, private readonly bibliographies: DocumentBibliographies) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const unknown = context.diagnostics.filter((d) => d.code === UNKNOWN_KEY);
    if (unknown.length === 0) return [];
    const source = (await this.bibliographies.scopeOf(document)) ?? (await this.snapshot());
    return unknown.flatMap((diagnostic) => {
      const key = document.getText(diagnostic.range);
      const actions = suggestionsFor(key, source).map((closest, i) => {
        const action = new vscode.CodeAction(vscode.l10n.t('Replace with "{0}"', closest), vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, diagnostic.range, closest);
        action.diagnostics = [diagnostic];
        action.isPreferred = i === 0;
        return action;
      });
      const search = new vscode.CodeAction(vscode.l10n.t('Search LitNotes…'), vscode.CodeActionKind.QuickFix);
      const { start, end } = diagnostic.range;
      search.command = {
        command: Commands.replaceCitationKey,
        title: search.title,
        arguments: [document.uri.toString(), start.line, start.character, end.line, end.character],
      };
      search.diagnostics = [diagnostic];
      return [...actions, search];
    });
  }
}
