import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { authorsShort } from '../../core/render/views';
import { MAX_PICK_ITEMS, pickResults, resultsLook } from '../../core/search/quickPick';
import type { LibraryService, LibrarySnapshot } from '../library/libraryService';
import type { RecentPapers } from './recentPapers';

export type PaperAction = 'abstract' | 'note' | 'stub' | 'copyKey' | 'related' | 'reference';

export interface PaperPickItem extends vscode.QuickPickItem {
  paper: Paper;
}

export interface PickResult {
  papers: Paper[];
  /** Set when an item button, not Enter, ended the pick; `more` asks for the action next (paperActionMenu.ts). */
  action?: PaperAction | 'more';
}

/**
 * Item buttons; VS Code hands back the same objects when one is clicked, so they are found by identity.
 * Two, not one per action: every button is drawn on every row at each keystroke, and six of them made
 * typing 10 ms slower at the median in the real host (bench:host, 2026-12-05); the rest are a menu away.
 */
const BUTTONS: Array<vscode.QuickInputButton & { action: PaperAction | 'more' }> = [
  { action: 'abstract', iconPath: new vscode.ThemeIcon('preview'), tooltip: vscode.l10n.t('Show Abstract') },
  { action: 'more', iconPath: new vscode.ThemeIcon('ellipsis'), tooltip: vscode.l10n.t('More Actions…') },
];

/**
 * Search-as-you-type over the library index. Only the top results are given
 * to VS Code (marked `alwaysShow`, so its own filter does not hide them), and
 * a result is only shown for the query that is still in the box.
 */
export async function pickPapers(
  library: LibraryService,
  recent: RecentPapers,
  /** `actions`: each row has the action buttons (the Search command); other pickers only choose papers. */
  options: { title: string; canSelectMany: boolean; value?: string; actions?: boolean },
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
  let checked = new Map<string, PaperPickItem>();
  /** The items VS Code lists now: for which snapshot, and how they look (resultsLook). */
  let shown: { snapshot: LibrarySnapshot; look: string } | undefined;

  const update = () => {
    if (!snapshot) return;
    const query = pick.value;
    // Search is synchronous, so these results always belong to the query in the box.
    const papers: Array<{ paper: Paper; detail?: string }> = query.trim()
      ? pickResults(snapshot.index, query)
      : recent.top(snapshot.papers, (key) => snapshot?.paper(key), MAX_PICK_ITEMS).map((paper) => ({ paper }));
    // Keep checked papers in view so a multi-selection survives new queries.
    const kept = [...checked.values()].filter((item) => !papers.some((p) => p.paper.key === item.paper.key));
    // A key that leaves the results as they were (a third of the keys typed in bench:host's queries) sends nothing.
    const look = resultsLook([...kept, ...papers]);
    if (shown?.snapshot === snapshot && shown.look === look) return;
    shown = { snapshot, look };
    const items = [...kept, ...papers.map(({ paper, detail }) => toItem(paper, snapshot as LibrarySnapshot, detail, options.actions))];
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
        const button = BUTTONS.find((b) => b === event.button);
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
    // Search as soon as the library can be searched (a first load's topics come later, with the whole library).
    library.searchable().then((loaded) => {
      snapshot ??= loaded;
      update();
      return library.get();
    }).then((loaded) => {
      snapshot = loaded;
      pick.busy = false;
      update();
    }, () => {
      pick.busy = false;
    });
  });
}

function toItem(paper: Paper, snapshot: LibrarySnapshot, detail: string | undefined, actions = false): PaperPickItem {
  const topic = paper.topics[0];
  const description = [authorsShort(paper.authors), paper.year, topic && (snapshot.topicLabels.get(topic) ?? topic)]
    .filter(Boolean).join(' · ');
  return {
    paper,
    label: paper.title,
    description: snapshot.notes.has(paper.key) ? `$(notebook) ${description}` : description,
    detail: detail ?? paper.abstract?.slice(0, 160),
    alwaysShow: true,
    buttons: actions ? BUTTONS : undefined,
  };
}
