import * as vscode from 'vscode';
import { groupPapers, PAGE_SIZE, pageOf, type GroupBy, type PaperGroup } from '../../core/library/grouping';
import type { Paper } from '../../core/model';
import { authorName } from '../../core/render/views';
import { explainTopic } from '../../core/topics/classify';
import { sharedWords } from '../../core/topics/discover/explain';
import type { CatalogTopic } from '../../core/topics/topicModes';
import { runInSlices } from '../../core/slices';
import { escapeMarkdown } from '../../core/render/markdown';
import { Commands, TreeItemKinds } from '../ids';
import type { LibraryService, LibrarySnapshot } from '../library/libraryService';
import type { CitationsChange, TreeCitations } from './treeCitations';

export type { GroupBy };

export interface GroupNode extends Omit<PaperGroup, 'children'> {
  kind: 'group';
  children?: GroupNode[];
  /** The group one level up (subtopic groups). */
  parent?: string;
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
  private readonly emitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private groups?: GroupNode[];
  /** The grouping of the current snapshot, computed once (in slices) and shared by concurrent expansions. */
  private groupsReady?: Promise<GroupNode[]>;
  /** The "Cited in this document" group as last shown, for `getParent`. */
  private citedGroup?: GroupNode;
  private readonly pages = new Map<string, number>();
  /**
   * The paper rows handed to VS Code, by row id. The same object is handed
   * out again for the same row, so a count change repaints just those rows:
   * repainting the whole tree drops VS Code's handles to every row until it
   * has asked again, and a context-menu command clicked meanwhile lost its row.
   */
  private readonly rows = new Map<string, PaperNode>();
  private readonly subscriptions: vscode.Disposable[];

  /** Without `citations` the tree shows neither the cited group nor citation counts. */
  constructor(private readonly library: LibraryService, private readonly citations?: TreeCitations, private groupBy: GroupBy = 'topic') {
    this.subscriptions = [library.onDidChange(() => this.refresh())];
    // Only the cited group and the counts change: repaint without grouping the library again.
    if (citations) this.subscriptions.push(citations.onDidChange((change) => this.citationsChanged(change)));
  }

  private citationsChanged(change: CitationsChange): void {
    if (change.cited) {
      this.emitter.fire(undefined);
      return;
    }
    const rows = [...this.rows.values()].filter((row) => change.counts.has(row.paper.key));
    if (rows.length > 0) this.emitter.fire(rows);
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
    this.rows.clear();
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
    if (node.children) return node.children;
    const shown = this.pages.get(node.id) ?? PAGE_SIZE;
    const page = pageOf(node, shown);
    const children: TreeNode[] = page.papers.map((paper) => this.row(node.id, paper));
    if (page.more > 0) children.push({ kind: 'more', group: node.id, shown, total: node.papers.length });
    return children;
  }

  private row(group: string, paper: Paper): PaperNode {
    const id = `${group}\n${paper.key}`;
    const known = this.rows.get(id);
    if (known?.paper === paper) return known;
    const row: PaperNode = { kind: 'paper', group, paper };
    this.rows.set(id, row);
    return row;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'group') return node.parent === undefined ? undefined : this.findGroup(node.parent);
    if (node.group === CITED_GROUP) return this.citedGroup;
    return this.findGroup(node.group);
  }

  private findGroup(id: string): GroupNode | undefined {
    for (const g of this.groups ?? []) {
      if (g.id === id) return g;
      const child = g.children?.find((c) => c.id === id);
      if (child) return child;
    }
    return undefined;
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
        const topic = !cited && this.groupBy === 'topic' ? this.library.current().topics.find((t) => t.id === node.id) : undefined;
        const count = vscode.l10n.t('{0}: {1} papers', node.label, node.papers.length);
        item.contextValue = topic ? TreeItemKinds.topicGroup : TreeItemKinds.group;
        item.iconPath = new vscode.ThemeIcon(cited ? 'quote' : { year: 'calendar', source: 'file', keyword: 'symbol-keyword', topic: topic?.origin === 'discovered' ? 'sparkle' : 'tag' }[this.groupBy]);
        item.tooltip = cited
          ? vscode.l10n.t('{0}: {1} papers of the library, cited in the active editor', node.label, node.papers.length)
          : topic ? topicTooltip(node.label, node.papers.length, topic) : count;
        // Screen readers (and the UI tests) hear the group's name and size, whatever the hover shows.
        item.accessibilityInformation = { label: typeof item.tooltip === 'string' ? item.tooltip : count };
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
    const why = topic ? { topic: snapshot.topicLabels.get(topic) ?? topic, reasons: reasonsFor(node.paper, topic, snapshot) } : undefined;
    item.tooltip = paperTooltip(node.paper, snapshot.notes.has(node.paper.key), why, snapshot.topicLabels, this.citations?.documentCount(node.paper.key));
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}

/** Why `paper` is in `topicId`: the taxonomy's matching keywords, or the discovered topic's defining words it uses. */
function reasonsFor(paper: Paper, topicId: string, snapshot: LibrarySnapshot): string[] {
  // A subtopic row's paper is explained by its subtopic.
  const id = paper.topics[0] && snapshot.topics.find((t) => t.id === paper.topics[0])?.parent === topicId ? paper.topics[0] : topicId;
  const topic = snapshot.topics.find((t) => t.id === id);
  if (topic?.origin !== 'discovered') return explainTopic(paper, id, snapshot.taxonomy);
  const words = sharedWords(paper, topic.words);
  return words.length
    ? [vscode.l10n.t('it uses the words that define the topic: {0}', words.join(', '))]
    : [vscode.l10n.t('its words are closest to this topic\'s ({0})', topic.words.slice(0, 4).join(', '))];
}

/** A topic row's hover: its name, size and the words (or description) that define it. */
export function topicTooltip(label: string, count: number, topic: CatalogTopic): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.appendMarkdown('**').appendMarkdown(escapeMarkdown(label)).appendMarkdown('**  \n');
  md.appendMarkdown(escapeMarkdown(vscode.l10n.t('{0} papers', count))).appendMarkdown('\n\n');
  if (topic.origin === 'discovered') {
    md.appendMarkdown(escapeMarkdown(vscode.l10n.t('Discovered from the abstracts. Defining words: {0}', topic.words.join(', ') || '—')));
  } else if (topic.description) {
    md.appendMarkdown(escapeMarkdown(topic.description));
  }
  return md;
}

/** Hover text; every value goes in as text, so nothing in a title can become markup. */
export function paperTooltip(
  paper: Paper,
  hasNote: boolean,
  why?: { topic: string; reasons: string[] },
  topicLabels?: ReadonlyMap<string, string>,
  citingDocuments = 0,
): vscode.MarkdownString {
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
    text(vscode.l10n.t('Topics: {0}', paper.topics.map((t) => topicLabels?.get(t) ?? t).join(', '))).appendMarkdown('*\n\n');
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
  const topicParents = new Map(snapshot.topics.filter((t) => t.parent).map((t) => [t.id, t.parent!]));
  const labels = {
    topicLabels: snapshot.topicLabels, topicParents, unknownYear: vscode.l10n.t('Unknown year'),
    embeddedLibrary: vscode.l10n.t('Embedded library'), noKeywords: vscode.l10n.t('No keywords'),
  };
  const groups = await runInSlices(groupPapers(snapshot.papers, groupBy, labels));
  const node = (group: PaperGroup, parent?: string): GroupNode => ({
    kind: 'group', id: group.id, label: group.label, papers: group.papers, parent,
    children: group.children?.map((child) => node(child, group.id)),
  });
  return groups.map((group) => node(group));
}
