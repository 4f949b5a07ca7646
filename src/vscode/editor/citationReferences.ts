import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../library/snapshot';
import { citedKeyAt } from './citationDocuments';
import type { WorkspaceCitations } from './workspaceCitations';

/** The keys that name the same paper as `key`: the paper's own key and its aliases. */
export function keysOfSamePaper(key: string, snapshot: LibrarySnapshot): Set<string> {
  const paper = snapshot.paper(key);
  return new Set([key, ...(paper ? [paper.key, ...(paper.aliases ?? [])] : [])]);
}

/** Find All References on a cited key: every place the same paper is cited in the workspace's documents. */
export class CitationReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly snapshot: () => Promise<LibrarySnapshot>, private readonly workspace: WorkspaceCitations) {}

  async provideReferences(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    const at = citedKeyAt(document, position);
    if (!at) return undefined;
    const keys = keysOfSamePaper(at.key.key, await this.snapshot());
    const index = await this.workspace.current();
    return index.places(keys).map((place) => new vscode.Location(
      vscode.Uri.parse(place.id),
      new vscode.Range(place.line, place.character, place.line, place.character + place.length),
    ));
  }
}
