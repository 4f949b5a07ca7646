import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { citationsOf } from '../editor/citationDocuments';
import type { WorkspaceCitations } from '../editor/workspaceCitations';
import type { LibraryService } from '../library/libraryService';

/** Edits and file changes are gathered this long before the counts are recomputed, so typing does not repaint the tree per key. */
const SETTLE_MS = 400;

/**
 * What the tree shows about citations: the papers the active editor's
 * document cites (the "Cited in this document" group, which follows the
 * editor) and how many workspace documents cite each paper. The workspace is
 * scanned when the tree first asks for a count, then kept current.
 */
/** What changed for the tree: the cited group (the tree's top level), or only some papers' counts. */
export interface CitationsChange {
  cited: boolean;
  /** Paper keys whose count changed. */
  counts: ReadonlySet<string>;
}

export class TreeCitations implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CitationsChange>();
  /** Fires when the cited group or a count shows something else. */
  readonly onDidChange = this.changed.event;
  private counts = new Map<string, number>();
  /** The keys of the cited group as the tree last showed it. */
  private shownCited = '';
  private counting = false;
  private settle?: ReturnType<typeof setTimeout>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly library: LibraryService, private readonly workspace: WorkspaceCitations) {
    this.subscriptions = [
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.citedChanged() && this.changed.fire({ cited: true, counts: new Set() })),
      workspace.onDidGoStale(() => this.scheduleUpdate()),
      library.onDidChange(() => this.scheduleUpdate()),
    ];
  }

  /** The library's papers cited in the active editor's document, in order of first citation. */
  citedInActiveDocument(): Paper[] {
    const papers = this.citedNow();
    this.shownCited = papers.map((p) => p.key).join('\n');
    return papers;
  }

  /** Whether the cited papers differ from what the tree last showed (a repaint of the tree costs, and can race a click). */
  private citedChanged(): boolean {
    return this.citedNow().map((p) => p.key).join('\n') !== this.shownCited;
  }

  private citedNow(): Paper[] {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !this.library.isLoaded) return [];
    const snapshot = this.library.current();
    const papers = new Map<string, Paper>();
    for (const citation of citationsOf(document)) {
      for (const { key } of citation.keys) {
        const paper = snapshot.paper(key);
        if (paper && !papers.has(paper.key)) papers.set(paper.key, paper);
      }
    }
    return [...papers.values()];
  }

  /** How many workspace documents cite the paper; 0 until the first scan has finished. */
  documentCount(paperKey: string): number {
    if (!this.counting) {
      this.counting = true;
      void this.countNow().then((counts) => counts.size > 0 && this.changed.fire({ cited: false, counts }));
    }
    return this.counts.get(paperKey) ?? 0;
  }

  /** A document or the library changed: the cited group, and the counts once asked for, are repainted if they changed. */
  private scheduleUpdate(): void {
    if (this.settle) clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.settle = undefined;
      void (this.counting ? this.countNow() : Promise.resolve(new Set<string>())).then((counts) => {
        const cited = this.citedChanged();
        if (cited || counts.size > 0) this.changed.fire({ cited, counts });
      });
    }, SETTLE_MS);
  }

  /** Recomputes the counts; returns the keys whose count changed. */
  private async countNow(): Promise<Set<string>> {
    const index = await this.workspace.current();
    if (!this.library.isLoaded) return new Set(); // counted again when the library loads
    const snapshot = this.library.current();
    const counts = index.documentCounts((key) => snapshot.paper(key)?.key);
    const changed = changedKeys(counts, this.counts);
    this.counts = counts;
    return changed;
  }

  dispose(): void {
    if (this.settle) clearTimeout(this.settle);
    for (const s of this.subscriptions) s.dispose();
  }
}

function changedKeys(now: ReadonlyMap<string, number>, before: ReadonlyMap<string, number>): Set<string> {
  const changed = new Set<string>();
  for (const [key, count] of now) if (before.get(key) !== count) changed.add(key);
  for (const key of before.keys()) if (!now.has(key)) changed.add(key);
  return changed;
}
