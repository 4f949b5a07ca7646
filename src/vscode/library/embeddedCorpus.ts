import * as vscode from 'vscode';
import type { DraftParseResult } from '../../core/model';
import { loadEmbeddedCorpus } from '../../core/sources/corpus';

/** The library that ships with the extension (media/corpus), read once. */
export class EmbeddedCorpus {
  private loaded?: Promise<DraftParseResult>;

  constructor(private readonly extensionUri: vscode.Uri) {}

  get(): Promise<DraftParseResult> {
    // A failed read is tried again on the next load rather than remembered.
    this.loaded ??= this.read().catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  private async read(): Promise<DraftParseResult> {
    const folder = vscode.Uri.joinPath(this.extensionUri, 'media', 'corpus');
    const [text, metadata] = await Promise.all([
      vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'efficient-llm-papers.txt')),
      vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'papers-metadata.json')),
    ]);
    const decoder = new TextDecoder('utf-8');
    return loadEmbeddedCorpus(decoder.decode(text), decoder.decode(metadata));
  }
}
