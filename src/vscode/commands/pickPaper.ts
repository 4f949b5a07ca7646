import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { authorsShort } from '../../core/render/views';
import type { LibraryService, LibrarySnapshot } from '../library/libraryService';
import type { RecentPapers } from './recentPapers';

/** The quick pick shows at most this many papers; VS Code's list slows down with thousands. */
export const MAX_PICK_ITEMS = 50;

export type PaperAction = 'abstract' | 'note' | 'stub' | 'copyKey' | 'related';

export interface PaperPickItem extends vscode.QuickPickItem {
  paper: Paper;
}

export interface PickResult {
  papers: Paper[];
  /** Set when an item button, not Enter, ended the pick. */
  action?: PaperAction;
}

const BUTTONS: Array<vscode.QuickInputButton & { action: PaperAction }> = [
  { action: 'abstract', iconPath: new vscode.ThemeIcon('preview'), tooltip: vscode.l10n.t('Show Abstract') },
  { action: 'note', iconPath: new vscode.ThemeIcon('notebook'), tooltip: vscode.l10n.t('Create or Open Note') },
  { action: 'stub', iconPath: new vscode.ThemeIcon('insert'), tooltip: vscode.l10n.t('Insert Note Stub') },
  { action: 'copyKey', iconPath: new vscode.ThemeIcon('copy'), tooltip: vscode.l10n.t('Copy Key') },
  { action: 'related', iconPath: new vscode.ThemeIcon('references'), tooltip: vscode.l10n.t('Show Related Papers') },
];

/**
 * Search-as-you-type over the library index. Only the top results are given
 * to VS Code (marked `alwaysShow`, so its own filter does not hide them), and
 * a result is only shown for the query that is still in the box.
 */
export async function pickPapers(
  library: LibraryService,
  recent: RecentPapers,
  options: { title: string; canSelectMany: boolean; value?: string },
): Promise<PickResult | undefined> {
  const pick = vscode.window.createQuickPick<PaperPickItem>();
  pick.title = options.title;
  pick.placeholder = vscode.l10n.t('Search titles, abstracts, authors, keywords and topics');
  pick.canSelectMany = options.canSelectMany;
  if (options.value) pick.value = options.value;
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.busy = !library.isLoaded;

  let snapshot: LibrarySnapshot | undefined;
  let generation = 0;
  let checked = new Map<string, PaperPickItem>();

  const update = () => {
    if (!snapshot) return;
    const query = pick.value;
    const current = ++generation;
    const papers = query.trim()
      ? snapshot.index.search(query, { limit: MAX_PICK_ITEMS }).map((hit) => ({ paper: hit.paper, detail: hit.snippet }))
      : recent.top(snapshot.papers, (key) => snapshot?.paper(key), MAX_PICK_ITEMS).map((paper) => ({ paper, detail: undefined }));
    if (current !== generation || query !== pick.value) return; // A newer keystroke has taken over.
    // Keep checked papers in view so a multi-selection survives new queries.
    const kept = [...checked.values()].filter((item) => !papers.some((p) => p.paper.key === item.paper.key));
    const items = [...kept, ...papers.map(({ paper, detail }) => toItem(paper, snapshot as LibrarySnapshot, detail))];
    pick.items = items;
    if (options.canSelectMany) pick.selectedItems = items.filter((item) => checked.has(item.paper.key));
  };

  return new Promise<PickResult | undefined>((resolve) => {
    let result: PickResult | undefined;
    const disposables: vscode.Disposable[] = [
      pick.onDidChangeValue(update),
      pick.onDidChangeSelection((items) => {
        if (options.canSelectMany) checked = new Map(items.map((item) => [item.paper.key, item]));
      }),
      pick.onDidAccept(() => {
        const chosen = pick.canSelectMany && pick.selectedItems.length ? pick.selectedItems : (pick.activeItems.length ? pick.activeItems : pick.items).slice(0, 1);
        if (chosen.length === 0) return;
        result = { papers: chosen.map((item) => item.paper) };
        pick.hide();
      }),
      pick.onDidTriggerItemButton((event) => {
        const button = BUTTONS.find((b) => b.tooltip === event.button.tooltip);
        result = { papers: [event.item.paper], action: button?.action };
        pick.hide();
      }),
      pick.onDidHide(() => {
        for (const d of disposables) d.dispose();
        pick.dispose();
        resolve(result);
      }),
    ];
    pick.show();
    library.get().then((loaded) => {
      snapshot = loaded;
      pick.busy = false;
      update();
    }, () => {
      pick.busy = false;
    });
  });
}

function toItem(paper: Paper, snapshot: LibrarySnapshot, detail: string | undefined): PaperPickItem {
  const topic = paper.topics[0];
  const description = [authorsShort(paper.authors), paper.year, topic && (snapshot.topicLabels.get(topic) ?? topic)]
    .filter(Boolean).join(' · ');
  return {
    paper,
    label: paper.title,
    description: snapshot.notes.has(paper.key) ? `$(notebook) ${description}` : description,
    detail: detail ?? paper.abstract?.slice(0, 160),
    alwaysShow: true,
    buttons: BUTTONS,
  };
}
