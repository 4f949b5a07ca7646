import * as vscode from 'vscode';
import { CitationIndex, type CitingDocument } from '../../core/citations/citationIndex';
import { citationSyntaxFor } from '../../core/citations/language';
import { runInSlices } from '../../core/slices';
import { decodeText } from '../../core/sources/decodeText';
import { syntaxOf } from './citationDocuments';

/** Documents that may cite papers. */
const DOCUMENTS_GLOB = '**/*.{md,markdown,qmd,Rmd,rmd,tex,typ}';
const EXCLUDE = '**/{node_modules,.git}/**';
const MAX_DOCUMENTS = 5000;
/** Files read at once before their text is scanned. */
const READ_BATCH = 32;
/** Scanning works in slices of about this long, so the host never stalls. */
const SLICE_MS = 15;

/**
 * The citations of every document in the workspace, for Find All References.
 * Built on first use in time slices, kept current by a file watcher, and
 * read from the editor's text for open documents (unsaved edits count).
 */
export class WorkspaceCitations implements vscode.Disposable {
  private readonly index = new CitationIndex();
  private building?: Promise<void>;
  private readonly stale = new Set<string>();
  private readonly outdated = new vscode.EventEmitter<void>();
  /** Fires when a document may cite something else than the index says: `current()` brings it up to date. */
  readonly onDidGoStale = this.outdated.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(DOCUMENTS_GLOB);
    const mark = (uri: vscode.Uri) => {
      this.stale.add(uri.toString());
      this.outdated.fire();
    };
    this.subscriptions.push(
      watcher,
      this.outdated,
      watcher.onDidCreate(mark),
      watcher.onDidChange(mark),
      watcher.onDidDelete((uri) => {
        this.index.delete(uri.toString());
        this.outdated.fire();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => syntaxOf(e.document) && e.contentChanges.length > 0 && mark(e.document.uri)),
    );
  }

  /** The index, scanned if it was not yet and brought up to date. */
  async current(): Promise<CitationIndex> {
    this.building ??= this.build();
    await this.building;
    if (this.stale.size) await this.refresh([...this.stale].map((id) => vscode.Uri.parse(id)));
    // Open documents read from the editor, with their unsaved edits.
    for (const document of vscode.workspace.textDocuments) {
      const syntax = syntaxOf(document);
      if (syntax && document.uri.scheme !== 'untitled') this.index.set({ id: document.uri.toString(), text: document.getText(), syntax });
    }
    return this.index;
  }

  private async build(): Promise<void> {
    const uris = await vscode.workspace.findFiles(DOCUMENTS_GLOB, EXCLUDE, MAX_DOCUMENTS);
    await this.refresh(uris);
  }

  private async refresh(uris: vscode.Uri[]): Promise<void> {
    for (let i = 0; i < uris.length; i += READ_BATCH) {
      const batch = uris.slice(i, i + READ_BATCH);
      const documents = (await Promise.all(batch.map((uri) => readDocument(uri)))).filter((d): d is CitingDocument => !!d);
      for (const uri of batch) {
        this.stale.delete(uri.toString());
        this.index.delete(uri.toString());
      }
      await runInSlices(this.index.addSteps(documents), SLICE_MS);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

async function readDocument(uri: vscode.Uri): Promise<CitingDocument | undefined> {
  const syntax = citationSyntaxFor('', uri.path);
  if (!syntax) return undefined;
  try {
    const { text } = decodeText(await vscode.workspace.fs.readFile(uri), uri.toString());
    return { id: uri.toString(), text, syntax };
  } catch {
    return undefined; // deleted meanwhile, or unreadable: it cites nothing
  }
}
