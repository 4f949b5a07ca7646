import type * as vscode from 'vscode';
import type { Paper } from '../../core/model';

const STATE_KEY = 'litnotes.recentPapers';
const MAX_RECENT = 20;

/** Keys of recently used papers, newest first, kept in the workspace state. */
export class RecentPapers {
  constructor(private readonly state: vscode.Memento) {}

  keys(): string[] {
    return this.state.get<string[]>(STATE_KEY, []);
  }

  async use(papers: Paper[]): Promise<void> {
    const used = papers.map((p) => p.key);
    const keys = [...used, ...this.keys().filter((k) => !used.includes(k))].slice(0, MAX_RECENT);
    await this.state.update(STATE_KEY, keys);
  }

  /** Up to `limit` papers: recently used ones first, then the rest in library order. Never sorts the whole library. */
  top(papers: readonly Paper[], lookup: (key: string) => Paper | undefined, limit: number): Paper[] {
    const out: Paper[] = [];
    const seen = new Set<string>();
    for (const key of this.keys()) {
      const paper = lookup(key);
      if (paper && out.length < limit) {
        out.push(paper);
        seen.add(key);
      }
    }
    for (const paper of papers) {
      if (out.length >= limit) break;
      if (!seen.has(paper.key)) out.push(paper);
    }
    return out;
  }
}
