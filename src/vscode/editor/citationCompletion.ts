import * as vscode from 'vscode';
import { completionSpot } from '../../core/citations/completionSpot';
import { suggestPapers } from '../../core/citations/suggest';
import type { Paper } from '../../core/model';
import { authorsShort } from '../../core/render/views';
import { escapeMarkdown } from '../../core/render/markdown';
import type { LibrarySnapshot } from '../library/snapshot';
import { syntaxOf } from './citationDocuments';
import type { DocumentBibliographies } from './documentBibliographies';
import { abstractStart } from './paperCard';

export const COMPLETION_TRIGGERS = ['@', '{', ',', ';', '<'];

/**
 * Suggests citation keys where one is being typed. The typed words search
 * titles, authors, years and keys with the search's own ranking, so
 * `[@sparse gpt` reaches `frantar2023sparsegpt`. The list is marked
 * incomplete: each keystroke asks again rather than letting VS Code filter
 * a stale ranking by key letters. A document with a declared bibliography
 * gets suggestions from those files only.
 */
export class CitationCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly snapshot: () => Promise<LibrarySnapshot>, private readonly bibliographies: DocumentBibliographies) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionList | undefined> {
    const syntax = syntaxOf(document);
    if (!syntax) return undefined;
    const offset = document.offsetAt(position);
    const spot = completionSpot(document.getText(), offset, syntax);
    if (!spot) return undefined;
    // A document that declares its bibliography cites from it; others from the whole library.
    const source = (await this.bibliographies.scopeOf(document)) ?? (await this.snapshot());
    const papers = suggestPapers(source.index, source.papers, spot.query);
    const start = document.positionAt(spot.start);
    const range = { inserting: new vscode.Range(start, position), replacing: new vscode.Range(start, document.positionAt(spot.end)) };
    const items = papers.map((paper, rank) => completionItem(paper, rank, spot.query, spot.prefix, range));
    return new vscode.CompletionList(items, true);
  }
}

function completionItem(paper: Paper, rank: number, query: string, prefix: string, range: { inserting: vscode.Range; replacing: vscode.Range }): vscode.CompletionItem {
  const item = new vscode.CompletionItem(paper.key, vscode.CompletionItemKind.Reference);
  item.detail = [authorsShort(paper.authors), paper.year].filter(Boolean).join(' · ');
  const start = abstractStart(paper);
  item.documentation = new vscode.MarkdownString(`**${escapeMarkdown(paper.title)}**${start ? `\n\n${escapeMarkdown(start)}` : ''}`);
  item.insertText = prefix + paper.key;
  item.range = range;
  // VS Code filters by the typed text: starting with it keeps every hit, in the search's order.
  item.filterText = `${query} ${paper.key}`;
  item.sortText = String(rank).padStart(4, '0');
  return item;
}
