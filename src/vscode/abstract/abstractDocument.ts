import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { authorName, paperLink } from '../../core/render/views';
import { ABSTRACT_SCHEME } from '../ids';
import type { LibraryService } from '../library/libraryService';

/** Markdown-escapes text so titles and abstracts render as written, never as markup or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** The read-only Markdown shown for a paper: title, authors, year, venue, topics, links, abstract. */
export function abstractMarkdown(paper: Paper, topicLabel: (id: string) => string): string {
  const lines = [`# ${escapeMarkdown(paper.title)}`, ''];
  if (paper.authors.length) lines.push(`**Authors:** ${escapeMarkdown(paper.authors.map(authorName).join(', '))}  `);
  if (paper.year) lines.push(`**Year:** ${paper.year}  `);
  if (paper.venue) lines.push(`**Venue:** ${escapeMarkdown(paper.venue)}  `);
  if (paper.topics.length) lines.push(`**Topics:** ${escapeMarkdown(paper.topics.map(topicLabel).join(', '))}  `);
  lines.push(`**Key:** \`${paper.key.replace(/`/g, '')}\`  `);
  const links: string[] = [];
  const link = paperLink(paper);
  const safeUrl = (url: string) => /^https?:\/\//i.test(url) ? `<${url.replace(/[<>\s]/g, encodeURIComponent)}>` : undefined;
  if (link && safeUrl(link)) links.push(`[Paper](${safeUrl(link)})`);
  if (paper.arxiv) links.push(`[arXiv ${escapeMarkdown(paper.arxiv)}](${safeUrl(`https://arxiv.org/abs/${paper.arxiv}`)})`);
  if (paper.codeUrl && safeUrl(paper.codeUrl)) links.push(`[Code](${safeUrl(paper.codeUrl)})`);
  if (links.length) lines.push(`**Links:** ${links.join(' · ')}  `);
  lines.push('', '## Abstract', '', paper.abstract ? escapeMarkdown(paper.abstract) : '*No abstract in the library.*', '');
  return lines.join('\n');
}

export function abstractUri(paper: Paper): vscode.Uri {
  return vscode.Uri.from({ scheme: ABSTRACT_SCHEME, path: `/${encodeURIComponent(paper.key)}.md` });
}

/** Serves `litnotes-abstract:/<key>.md` documents from the current library. */
export class AbstractDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;
  private readonly open = new Set<string>();

  constructor(private readonly library: LibraryService) {
    this.subscription = library.onDidChange(() => {
      for (const uri of this.open) this.emitter.fire(vscode.Uri.parse(uri));
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    this.open.add(uri.toString());
    const snapshot = await this.library.get();
    const key = decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.md$/, ''));
    const paper = snapshot.paper(key);
    if (!paper) return `# ${vscode.l10n.t('Paper not found')}\n\n${escapeMarkdown(vscode.l10n.t('No paper with the key "{0}" is in the library now.', key))}\n`;
    return abstractMarkdown(paper, (id) => snapshot.topicLabels.get(id) ?? id);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** Opens the paper's abstract in VS Code's Markdown preview. */
export async function showAbstract(paper: Paper): Promise<void> {
  const uri = abstractUri(paper);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // Without the Markdown extension, the source view still reads well.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }
}
