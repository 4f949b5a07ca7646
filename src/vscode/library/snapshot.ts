import type * as vscode from 'vscode';
import type { Paper, Problem } from '../../core/model';
import type { SearchIndex } from '../../core/search/searchIndex';
import type { Taxonomy } from '../../core/topics/taxonomy';
import type { CatalogTopic } from '../../core/topics/topicModes';
import type { Settings } from '../settings';

/** One consistent view of the library. Never changed after it is handed out: a reload builds the next one. */
export interface LibrarySnapshot {
  readonly papers: readonly Paper[];
  readonly problems: readonly Problem[];
  readonly index: SearchIndex;
  /** Paper key → its note in the notes folder. */
  readonly notes: ReadonlyMap<string, vscode.Uri>;
  readonly settings: Settings;
  /** The topics papers were sorted into. */
  readonly taxonomy: Taxonomy;
  /** The topics in use: taxonomy topics, then discovered ones. */
  readonly topics: readonly CatalogTopic[];
  /** Topic id → label (the user's name where they gave one), in display order. */
  readonly topicLabels: ReadonlyMap<string, string>;
  readonly status: 'empty' | 'loaded' | 'failed';
  /** Where this snapshot's papers came from: the saved library, the source files, or nowhere yet. */
  readonly loadedFrom: 'saved' | 'files' | 'nothing';
  /** The paper a citation key names: its own key, or another key of the same work (an alias). */
  paper(key: string): Paper | undefined;
}

export type SnapshotFields = Omit<LibrarySnapshot, 'paper'>;

/** A snapshot whose `paper(key)` also resolves aliases (built on first use). */
export function makeSnapshot(fields: SnapshotFields): LibrarySnapshot {
  let aliases: Map<string, Paper> | undefined;
  return {
    ...fields,
    paper(key) {
      const own = fields.index.get(key);
      if (own) return own;
      if (!aliases) {
        aliases = new Map();
        for (const paper of fields.papers) for (const alias of paper.aliases ?? []) aliases.set(alias, paper);
      }
      return aliases.get(key);
    },
  };
}
