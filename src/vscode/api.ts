import type * as vscode from 'vscode';
import type { Paper, Problem } from '../core/model';
import type { LibraryService } from './library/libraryService';

/**
 * What LitNotes offers other extensions (returned by `activate()`):
 *
 * ```ts
 * const api = await vscode.extensions.getExtension<LitNotesApi>('litnotes.litnotes')!.activate();
 * const hits = await api.search('sparse attention', 5);
 * ```
 *
 * Reads never wait for a reload in progress: they answer from the library
 * as last loaded (the first call loads it).
 */
export interface LitNotesApi {
  /** API version; bumped on incompatible change. */
  readonly version: 1;
  /** Every paper in the library. */
  papers(): Promise<readonly Paper[]>;
  /** The paper with this citation key, if any. */
  paper(key: string): Promise<Paper | undefined>;
  /** Ranked search over titles, abstracts, authors, keywords, topics and keys. */
  search(query: string, limit?: number): Promise<Array<{ paper: Paper; score: number; snippet: string }>>;
  /** Problems found in the library's sources (file, line, message). */
  problems(): Promise<readonly Problem[]>;
  /** Reloads the library and resolves with the number of papers. */
  reload(): Promise<number>;
  /** Fires after the library changed (a reload, a file edit). */
  readonly onDidChange: vscode.Event<void>;
}

export function createApi(library: LibraryService, onDidChange: vscode.Event<void>): LitNotesApi {
  return {
    version: 1,
    papers: async () => (await library.get()).papers,
    paper: async (key) => (await library.get()).paper(key),
    search: async (query, limit = 20) => (await library.get()).index.search(query, { limit })
      .map(({ paper, score, snippet }) => ({ paper, score, snippet })),
    problems: async () => (await library.get()).problems,
    reload: async () => (await library.reload()).papers.length,
    onDidChange,
  };
}
