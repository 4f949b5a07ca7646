import * as vscode from 'vscode';
import { groupPapers, PAGE_SIZE, pageOf, type GroupBy, type PaperGroup } from '../../core/library/grouping';
import type { Paper } from '../../core/model';
import { authorName } from '../../core/render/views';
import { explainTopic } from '../../core/topics/classify';
import { runInSlices } from '../../core/slices';
import { escapeMarkdown } from '../../core/render/markdown';
import { Commands, TreeItemKinds } from '../ids';
import type { LibraryService, LibrarySnapshot } from '../library/libraryService';
import type { TreeCitations } from './treeCitations';

export type { GroupBy };

export interface GroupNode extends PaperGroup {
  kind: 'group';
}

export interface PaperNode {
  kind: 'paper';
  group: string;
  paper: Paper;
}

export interface MoreNode {
  kind: 'more';
  group: string;
  shown: number;
  total: number;
}

export type TreeNode = GroupNode | PaperNode | MoreNode;

/** The id of the group that lists the papers the active editor's document cites. */
export const CITED_GROUP = 'cited-in-this-document';

/**
 * The sidebar: papers grouped by topic (or year, or source), each group with
 * its count. Groups are computed once per library change and grouping, so
 * expanding a node only slices an array.
 */
export class PaperTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private groups?: GroupNode[];
  /** The grouping of the current snapshot, computed once (in slices) and shared by concurrent expansions. */
  private groupsReady?: Promise<GroupNode[]>;
  /** The "Cited in this document" group as last shown, for `getParent`. */
  private citedGroup?: GroupNode;
  private readonly pages = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[];

  /** Without `citations` the tree shows neither the cited group nor citation counts. */
  constructor(private readonly library: LibraryService, private readonly citations?: TreeCitations, private groupBy: GroupBy = 'topic') {
    this.subscriptions = [library.onDidChange(() => this.refresh())];
    // Only the cited group and the counts change: repaint without grouping the library again.
    if (citations) this.subscriptions.push(citations.onDidChange(() => this.emitter.fire(undefined)));
  }

  setGroupBy(groupBy: GroupBy): void {
    this.groupBy = groupBy;
    this.refresh();
  }

  get grouping(): GroupBy {
    return this.groupBy;
  }

  refresh(): void {
    this.groups = undefined;
    this.groupsReady = undefined;
    this.pages.clear();
    // Group a loaded library right away, as part of the reload, so expanding the root finds it ready.
    if (this.library.isLoaded) void this.groupCurrent();
    this.emitter.fire(undefined);
  }

  /** Groups the current snapshot once (in slices); concurrent callers share the work. */
  private groupCurrent(): Promise<GroupNode[]> {
    if (!this.groupsReady) {
      const ready = groupSnapshot(this.library.current(), this.groupBy).then((groups) => {
        // A refresh during the grouping made these groups stale: keep only the current ones.
        if (this.groupsReady === ready) this.groups = groups;
        return groups;
      });
      this.groupsReady = ready;
    }
    return this.groupsReady;
  }

  showMore(group: string): void {
    this.pages.set(group, (this.pages.get(group) ?? PAGE_SIZE) + PAGE_SIZE);
    this.emitter.fire(this.groups?.find((g) => g.id === group));
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      // The first expansion of the view is what loads the library.
      const snapshot = await this.library.get();
      if (snapshot.status !== 'loaded') return [];
      const groups = await this.groupCurrent();
      this.citedGroup = this.cited();
      return this.citedGroup ? [this.citedGroup, ...groups] : groups;
    }
    if (node.kind !== 'group') return [];
    const shown = this.pages.get(node.id) ?? PAGE_SIZE;
    const page = pageOf(node, shown);
    const children: TreeNode[] = page.papers.map((paper) => ({ kind: 'paper', group: node.id, paper }));
    if (page.more > 0) children.push({ kind: 'more', group: node.id, shown, total: node.papers.length });
    return children;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'group') return undefined;
    if (node.group === CITED_GROUP) return this.citedGroup;
    return this.groups?.find((g) => g.id === node.group);
  }

  private cited(): GroupNode | undefined {
    const papers = this.citations?.citedInActiveDocument() ?? [];
    return papers.length ? { kind: 'group', id: CITED_GROUP, label: vscode.l10n.t('Cited in this document'), papers } : undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const cited = node.id === CITED_GROUP;
        const item = new vscode.TreeItem(node.label, cited ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `group:${node.id}`;
        item.description = String(node.papers.length);
        item.contextValue = TreeItemKinds.group;
        item.iconPath = new vscode.ThemeIcon(cited ? 'quote' : this.groupBy === 'year' ? 'calendar' : this.groupBy === 'source' ? 'file' : 'tag');
        item.tooltip = cited
          ? vscode.l10n.t('{0}: {1} papers of the library, cited in the active editor', node.label, node.papers.length)
          : vscode.l10n.t('{0}: {1} papers', node.label, node.papers.length);
        item.accessibilityInformation = { label: item.tooltip };
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('Show more ({0} of {1} shown)', node.shown, node.total));
        item.id = `more:${node.group}:${node.shown}`;
        item.contextValue = TreeItemKinds.more;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: Commands.showMore, title: vscode.l10n.t('Show more'), arguments: [node.group] };
        return item;
      }
      case 'paper':
        return this.paperItem(node);
    }
  }

  private paperItem(node: PaperNode): vscode.TreeItem {
    const { paper } = node;
    const hasNote = this.library.current().notes.has(paper.key);
    const item = new vscode.TreeItem(paper.title, vscode.TreeItemCollapsibleState.None);
    item.id = `paper:${node.group}:${paper.key}`;
    const citingDocuments = this.citations?.documentCount(paper.key) ?? 0;
    item.description = [[paper.authors[0]?.family, paper.year].filter(Boolean).join(' '), citingDocuments ? vscode.l10n.t('cited in {0}', citingDocuments) : '']
      .filter(Boolean)
      .join(' · ');
    item.contextValue = hasNote ? TreeItemKinds.paperWithNote : TreeItemKinds.paper;
    item.iconPath = new vscode.ThemeIcon(hasNote ? 'notebook' : 'book');
    item.resourceUri = undefined;
    item.accessibilityInformation = { label: `${paper.title}, ${item.description}${hasNote ? ', has a note' : ''}` };
    item.command = { command: Commands.openAbstract, title: vscode.l10n.t('Show Abstract'), arguments: [paper.key] };
    return item;
  }

  /** The hover, built only when a row is hovered: it says why the paper is in its topic. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind !== 'paper') return item;
    const snapshot = this.library.current();
    const topic = this.groupBy === 'topic' ? node.group : node.paper.topics[0];
    const why = topic ? { topic: snapshot.topicLabels.get(topic) ?? topic, reasons: explainTopic(node.paper, topic, snapshot.taxonomy) } : undefined;
    item.tooltip = paperTooltip(node.paper, snapshot.notes.has(node.paper.key), why, this.citations?.documentCount(node.paper.key));
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}

/** Hover text; every value goes in as text, so nothing in a title can become markup. */
export function paperTooltip(paper: Paper, hasNote: boolean, why?: { topic: string; reasons: string[] }, citingDocuments = 0): vscode.MarkdownString {
  // Escaped Markdown rather than appendText: appendText makes every space non-breaking, which stops wrapping.
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  const text = (value: string) => md.appendMarkdown(escapeMarkdown(value));
  md.appendMarkdown('**');
  text(paper.title).appendMarkdown('**\n\n');
  if (paper.authors.length) text(paper.authors.map(authorName).join(', ')).appendMarkdown('\n\n');
  const facts = [paper.year, paper.venue].filter(Boolean).join(' · ');
  if (facts) text(facts).appendMarkdown('\n\n');
  if (paper.topics.length) {
    md.appendMarkdown('*');
    text(vscode.l10n.t('Topics: {0}', paper.topics.join(', '))).appendMarkdown('*\n\n');
  }
  if (paper.abstract) text(paper.abstract.length > 300 ? `${paper.abstract.slice(0, 300)}…` : paper.abstract).appendMarkdown('\n\n');
  text(hasNote ? vscode.l10n.t('Has a note') : vscode.l10n.t('No note yet'));
  if (citingDocuments) text(` · ${citingDocuments === 1 ? vscode.l10n.t('cited in 1 document') : vscode.l10n.t('cited in {0} documents', citingDocuments)}`);
  if (why?.reasons.length) {
    md.appendMarkdown('\n\n');
    text(vscode.l10n.t('In "{0}" because: {1}', why.topic, why.reasons.slice(0, 4).join('; ')));
  }
  return md;
}

/** The tree's groups for a snapshot, computed in time slices. */
async function groupSnapshot(snapshot: LibrarySnapshot, groupBy: GroupBy): Promise<GroupNode[]> {
  const labels = { topicLabels: snapshot.topicLabels, unknownYear: vscode.l10n.t('Unknown year'), embeddedLibrary: vscode.l10n.t('Embedded library') };
  const groups = await runInSlices(groupPapers(snapshot.papers, groupBy, labels));
  return groups.map((group) => ({ kind: 'group', ...group }));
}
