import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { abstractUri } from '../abstract/abstractDocument';
import type { LibrarySnapshot } from '../library/snapshot';
import { citedKeyAt } from './citationDocuments';
import { citedPaper } from './citationHover';
import type { DocumentBibliographies } from './documentBibliographies';

/**
 * Where a paper is defined: its note if it has one; otherwise its entry in
 * the source file, at its line; for the embedded library, its abstract.
 */
export function paperLocation(paper: Paper, snapshot: LibrarySnapshot): vscode.Location {
  const note = snapshot.notes.get(paper.key);
  if (note) return new vscode.Location(note, new vscode.Position(0, 0));
  if (paper.origin.kind === 'corpus') return new vscode.Location(abstractUri(paper), new vscode.Position(0, 0));
  const line = Math.max(0, (paper.origin.line ?? 1) - 1);
  return new vscode.Location(vscode.Uri.parse(paper.origin.source), new vscode.Position(line, 0));
}

/** F12 and peek on a cited key. */
export class CitationDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly snapshot: () => Promise<LibrarySnapshot>, private readonly bibliographies: DocumentBibliographies) {}

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.LocationLink[] | undefined> {
    const at = citedKeyAt(document, position);
    if (!at) return undefined;
    const snapshot = await this.snapshot();
    const paper = await citedPaper(at.key.key, document, snapshot, this.bibliographies);
    if (!paper) return undefined;
    const target = paperLocation(paper, snapshot);
    return [{ originSelectionRange: at.range, targetUri: target.uri, targetRange: target.range }];
  }
}
