import * as vscode from 'vscode';
import { declaredBibliographies } from '../../core/citations/bibliographies';
import { assembleLibrarySteps } from '../../core/library/library';
import type { DraftParseResult, Paper } from '../../core/model';
import { SearchIndex } from '../../core/search/searchIndex';
import { runToEnd } from '../../core/slices';
import { decodeText } from '../../core/sources/decodeText';
import { sourceKindOf } from '../../core/sources/sourceKind';
import type { Parsers } from '../library/loadParser';
import { DEFAULT_TAXONOMY } from '../../core/topics/taxonomy';
import { readSettings } from '../settings';
import { syntaxOf } from './citationDocuments';

/** The papers a document may cite, from the bibliography files it declares. */
export interface DocumentScope {
  /** The declared files as written, for messages. */
  names: string[];
  papers: readonly Paper[];
  index: SearchIndex;
  /** Keys and aliases of those papers. */
  has(key: string): boolean;
}

interface ReadFile {
  stamp: string;
  result: DraftParseResult;
}

/**
 * Reads the bibliographies documents declare (front matter `bibliography:`,
 * `\bibliography`, `\addbibresource`, Typst `#bibliography`), relative to the
 * document, even outside `litnotes.sources`. Files are re-read only when
 * their modification time or size changes; a missing file counts as empty.
 */
export class DocumentBibliographies {
  private readonly files = new Map<string, ReadFile>();
  private readonly scopes = new Map<string, DocumentScope>();

  /** `parsers` loads the parsers' bundle on first use. */
  constructor(private readonly parsers: () => Promise<Parsers>) {}

  /** The document's scope, or undefined when it declares none (or the setting is off): then the whole library counts. */
  async scopeOf(document: vscode.TextDocument): Promise<DocumentScope | undefined> {
    const syntax = syntaxOf(document);
    if (!syntax || !readSettings(document.uri).settings.documentBibliographies) return undefined;
    const names = declaredBibliographies(document.getText(), syntax).filter((name) => sourceKindOf(name) === 'bibtex' || sourceKindOf(name) === 'csl-json');
    if (names.length === 0) return undefined;
    const folder = vscode.Uri.joinPath(document.uri, '..');
    const uris = names.map((name) => (name.startsWith('/') ? document.uri.with({ path: name }) : vscode.Uri.joinPath(folder, name)));
    const read = await Promise.all(uris.map((uri) => this.read(uri)));
    const id = read.map((r, i) => `${uris[i].toString()}@${r.stamp}`).join('|');
    let scope = this.scopes.get(id);
    if (!scope) {
      const { papers } = runToEnd(assembleLibrarySteps(read.map((r) => r.result), DEFAULT_TAXONOMY));
      const keys = new Set(papers.flatMap((p) => [p.key, ...(p.aliases ?? [])]));
      scope = { names, papers, index: runToEnd(SearchIndex.build(papers)), has: (key) => keys.has(key) };
      if (this.scopes.size > 20) this.scopes.clear();
      this.scopes.set(id, scope);
    }
    return scope;
  }

  private async read(uri: vscode.Uri): Promise<ReadFile> {
    const id = uri.toString();
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch {
      return { stamp: 'missing', result: { papers: [], problems: [] } };
    }
    const stamp = `${stat.mtime}:${stat.size}`;
    const cached = this.files.get(id);
    if (cached?.stamp === stamp) return cached;
    const { text } = decodeText(await vscode.workspace.fs.readFile(uri), id);
    const file = { stamp, result: runToEnd((await this.parsers()).parseSourceSteps(text, id)) };
    this.files.set(id, file);
    return file;
  }
}
