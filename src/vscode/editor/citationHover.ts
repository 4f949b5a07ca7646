import * as vscode from 'vscode';
import { closestKeys } from '../../core/citations/closestKeys';
import { escapeMarkdown } from '../../core/render/markdown';
import type { Paper } from '../../core/model';
import type { SearchIndex } from '../../core/search/searchIndex';
import type { LibrarySnapshot } from '../library/snapshot';
import { citedKeyAt } from './citationDocuments';
import type { DocumentBibliographies } from './documentBibliographies';
import { paperCard } from './paperCard';

/** Closest keys for an unknown key: near misses by spelling, then search hits for its words. */
export function suggestionsFor(key: string, from: { papers: readonly Paper[]; index: SearchIndex }, limit = 5): string[] {
  return closestKeys(key, from.papers.map((p) => p.key), (query) => from.index.search(query, { limit }).map((hit) => hit.paper.key), limit);
}

/** The paper a key names: in the library, or else in the document's declared bibliography. */
export async function citedPaper(key: string, document: vscode.TextDocument, snapshot: LibrarySnapshot, bibliographies: DocumentBibliographies): Promise<Paper | undefined> {
  return snapshot.paper(key) ?? (await bibliographies.scopeOf(document))?.index.get(key);
}

/** The paper card on a cited key; an unknown key says so and names the closest keys. */
export class CitationHoverProvider implements vscode.HoverProvider {
  constructor(private readonly snapshot: () => Promise<LibrarySnapshot>, private readonly bibliographies: DocumentBibliographies) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const at = citedKeyAt(document, position);
    if (!at) return undefined;
    const snapshot = await this.snapshot();
    const paper = await citedPaper(at.key.key, document, snapshot, this.bibliographies);
    if (paper) return new vscode.Hover(paperCard(paper, snapshot), at.range);
    const closest = suggestionsFor(at.key.key, (await this.bibliographies.scopeOf(document)) ?? snapshot);
    const text = new vscode.MarkdownString();
    text.appendMarkdown(escapeMarkdown(vscode.l10n.t('"{0}" is not in the LitNotes library.', at.key.key)));
    if (closest.length) text.appendMarkdown(`\n\n${vscode.l10n.t('Closest keys:')} ${closest.map((k) => `\`${k.replace(/`/g, '')}\``).join(', ')}`);
    return new vscode.Hover(text, at.range);
  }
}
