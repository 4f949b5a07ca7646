import * as vscode from 'vscode';
import type { LibraryService } from '../library/libraryService';
import { CitationCompletionProvider, COMPLETION_TRIGGERS } from './citationCompletion';
import { CitationDefinitionProvider } from './citationDefinition';
import { CitationDiagnostics } from './citationDiagnostics';
import { CITATION_SELECTOR } from './citationDocuments';
import { CitationHoverProvider } from './citationHover';
import { CitationQuickFixProvider } from './citationQuickFixes';

/** Cite while you write: completion, hover, go to definition, checks and quick fixes on citation keys. */
export function registerEditorFeatures(library: LibraryService): vscode.Disposable[] {
  const snapshot = () => library.get();
  return [
    vscode.languages.registerCompletionItemProvider(CITATION_SELECTOR, new CitationCompletionProvider(snapshot), ...COMPLETION_TRIGGERS),
    vscode.languages.registerHoverProvider(CITATION_SELECTOR, new CitationHoverProvider(snapshot)),
    vscode.languages.registerDefinitionProvider(CITATION_SELECTOR, new CitationDefinitionProvider(snapshot)),
    vscode.languages.registerCodeActionsProvider(CITATION_SELECTOR, new CitationQuickFixProvider(snapshot), { providedCodeActionKinds: CitationQuickFixProvider.kinds }),
    new CitationDiagnostics(library),
  ];
}
