import * as vscode from 'vscode';
import { unknownKeys } from '../../core/citations/scan';
import type { LibrarySnapshot } from '../library/snapshot';
import { readSettings, type Settings } from '../settings';
import { citationsOf, keyRange, syntaxOf } from './citationDocuments';
import type { DocumentBibliographies } from './documentBibliographies';

/** Diagnostic code of an unknown key; the quick fixes match it. */
export const UNKNOWN_KEY = 'unknown-citation-key';
/** Typing pauses this long before a document is checked again. */
const CHECK_DELAY_MS = 250;

const SEVERITIES: Record<Exclude<Settings['citationDiagnostics'], 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

interface Library {
  get(): Promise<LibrarySnapshot>;
  readonly onDidChange: vscode.Event<unknown>;
}

/**
 * Marks cited keys the library does not have (or, for a document that
 * declares its bibliography, that those files do not have), in every open document that
 * has citations: on open, shortly after typing, and again when the library
 * or the `litnotes.citationDiagnostics` setting changes (`off` clears them).
 */
export class CitationDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('litnotes.citations');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly library: Library, private readonly bibliographies: DocumentBibliographies) {
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, CHECK_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        clearTimeout(this.pending.get(d.uri.toString()));
        this.collection.delete(d.uri);
      }),
      library.onDidChange(() => this.checkAll()),
      vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration('litnotes.citationDiagnostics') || e.affectsConfiguration('litnotes.documentBibliographies')) && this.checkAll()),
    ];
    this.checkAll();
  }

  private checkAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!syntaxOf(document)) return;
    const id = document.uri.toString();
    clearTimeout(this.pending.get(id));
    this.pending.set(id, setTimeout(() => {
      this.pending.delete(id);
      void this.check(document);
    }, delay));
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    const setting = readSettings(document.uri).settings.citationDiagnostics;
    if (setting === 'off' || document.isClosed) {
      this.collection.delete(document.uri);
      return;
    }
    const citations = citationsOf(document);
    if (citations.length === 0) {
      this.collection.delete(document.uri);
      return;
    }
    const snapshot = await this.library.get();
    const scope = await this.bibliographies.scopeOf(document);
    if (document.isClosed) return;
    const known = scope ? scope.has : (key: string) => !!snapshot.paper(key);
    const diagnostics = unknownKeys(citationsOf(document), known).map((key) => {
      const message = scope
        ? vscode.l10n.t('"{0}" is not in this document\'s bibliography ({1}).', key.key, scope.names.join(', '))
        : vscode.l10n.t('"{0}" is not in the LitNotes library.', key.key);
      const diagnostic = new vscode.Diagnostic(keyRange(document, key), message, SEVERITIES[setting]);
      diagnostic.source = 'LitNotes';
      diagnostic.code = UNKNOWN_KEY;
      return diagnostic;
    });
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
