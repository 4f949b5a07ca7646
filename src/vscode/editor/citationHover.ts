import * as vscode from 'vscode';
import { closestKeys } from '../../core/citations/closestKeys';
import { escapeMarkdown } from '../abstract/abstractDocument';
import type { LibrarySnapshot } from '../library/snapshot';
import { citedKeyAt } from './citationDocuments';
import { paperCard } from './paperCard';

/** Closest keys for an unknown key: near misses by spelling, then search hits for its words. */
export function suggestionsFor(key: string, snapshot: LibrarySnapshot, limit = 5): string[] {
  return closestKeys(key, snapshot.papers.map((p) => p.key), (query) => snapshot.index.search(query, { limit }).map((hit) => hit.paper.key), limit);
}

/** The paper card on a cited key; an unknown key says so and names the closest keys. */
export class CitationHoverProvider implements vscode.HoverProvider {
  constructor(private readonly snapshot: () => Promise<LibrarySnapshot>) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const at = citedKeyAt(document, position);
    if (!at) return undefined;
    const snapshot = await this.snapshot();
    const paper = snapshot.paper(at.key.key);
    if (paper) return new vscode.Hover(paperCard(paper, snapshot), at.range);
    const closest = suggestionsFor(at.key.key, snapshot);
    const text = new vscode.MarkdownString();
    text.appendMarkdown(escapeMarkdown(vscode.l10n.t('"{0}" is not in the LitNotes library.', at.key.key)));
    if (closest.length) text.appendMarkdown(`\n\n${vscode.l10n.t('Closest keys:')} ${closest.map((k) => `\`${k.replace(/`/g, '')}\``).join(', ')}`);
    return new vscode.Hover(text, at.range);
  }
}
