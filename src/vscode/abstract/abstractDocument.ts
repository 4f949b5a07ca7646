import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { abstractMarkdown, escapeMarkdown } from '../../core/render/markdown';
import { ABSTRACT_SCHEME } from '../ids';
import type { LibraryService } from '../library/libraryService';

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
