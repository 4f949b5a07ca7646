import * as vscode from 'vscode';
import type { LibraryService } from '../library/libraryService';
import { CitationCompletionProvider, COMPLETION_TRIGGERS } from './citationCompletion';
import { CitationDefinitionProvider } from './citationDefinition';
import { CitationDiagnostics } from './citationDiagnostics';
import { CITATION_SELECTOR } from './citationDocuments';
import { CitationHoverProvider } from './citationHover';
import { CitationQuickFixProvider } from './citationQuickFixes';
import { CitationReferenceProvider } from './citationReferences';
import { WorkspaceCitations } from './workspaceCitations';

/** Cite while you write: completion, hover, go to definition, references, checks and quick fixes on citation keys. */
export function registerEditorFeatures(library: LibraryService): vscode.Disposable[] {
  const snapshot = () => library.get();
  const workspace = new WorkspaceCitations();
  return [
    workspace,
    vscode.languages.registerCompletionItemProvider(CITATION_SELECTOR, new CitationCompletionProvider(snapshot), ...COMPLETION_TRIGGERS),
    vscode.languages.registerHoverProvider(CITATION_SELECTOR, new CitationHoverProvider(snapshot)),
    vscode.languages.registerDefinitionProvider(CITATION_SELECTOR, new CitationDefinitionProvider(snapshot)),
    vscode.languages.registerReferenceProvider(CITATION_SELECTOR, new CitationReferenceProvider(snapshot, workspace)),
    vscode.languages.registerCodeActionsProvider(CITATION_SELECTOR, new CitationQuickFixProvider(snapshot), { providedCodeActionKinds: CitationQuickFixProvider.kinds }),
    new CitationDiagnostics(library),
  ];
}
