import * as vscode from 'vscode';
import type { LibraryService } from '../library/libraryService';
import { CitationCompletionProvider, COMPLETION_TRIGGERS } from './citationCompletion';
import { CitationDefinitionProvider } from './citationDefinition';
import { CitationDiagnostics } from './citationDiagnostics';
import { CITATION_SELECTOR } from './citationDocuments';
import { CitationHoverProvider } from './citationHover';
import { CitationQuickFixProvider } from './citationQuickFixes';
import { CitationReferenceProvider } from './citationReferences';
import { DocumentBibliographies } from './documentBibliographies';
import type { WorkspaceCitations } from './workspaceCitations';

/** Cite while you write: completion, hover, go to definition, references, checks and quick fixes on citation keys. */
export function registerEditorFeatures(library: LibraryService, workspace: WorkspaceCitations): vscode.Disposable[] {
  const snapshot = () => library.get();
  const bibliographies = new DocumentBibliographies(() => library.parsers());
  return [
    vscode.languages.registerCompletionItemProvider(CITATION_SELECTOR, new CitationCompletionProvider(snapshot, bibliographies), ...COMPLETION_TRIGGERS),
    vscode.languages.registerHoverProvider(CITATION_SELECTOR, new CitationHoverProvider(snapshot, bibliographies)),
    vscode.languages.registerDefinitionProvider(CITATION_SELECTOR, new CitationDefinitionProvider(snapshot, bibliographies)),
    vscode.languages.registerReferenceProvider(CITATION_SELECTOR, new CitationReferenceProvider(snapshot, workspace)),
    vscode.languages.registerCodeActionsProvider(CITATION_SELECTOR, new CitationQuickFixProvider(snapshot, bibliographies), { providedCodeActionKinds: CitationQuickFixProvider.kinds }),
    new CitationDiagnostics(library, bibliographies),
  ];
}
