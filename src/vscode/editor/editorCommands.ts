import * as vscode from 'vscode';
import { keyWords } from '../../core/citations/closestKeys';
import { exportBibtex, exportCslJson } from '../../core/citations/exportEntries';
import { citedKeys } from '../../core/citations/scan';
import type { Paper } from '../../core/model';
import { authorsShort } from '../../core/render/views';
import { showAbstract } from '../abstract/abstractDocument';
import { pickPapers } from '../commands/pickPaper';
import type { RecentPapers } from '../commands/recentPapers';
import type { LibraryService } from '../library/libraryService';
import { decodeText } from '../../core/sources/decodeText';
import { exists } from '../notes/createNote';
import { citationsOf, syntaxOf } from './citationDocuments';
import { WorkspaceCitations } from './workspaceCitations';

/** Opens the paper's entry in its source file at its line; papers of the embedded library show their abstract. */
export async function openSourceEntry(paper: Paper): Promise<void> {
  if (paper.origin.kind === 'corpus') return showAbstract(paper);
  const line = Math.max(0, (paper.origin.line ?? 1) - 1);
  const position = new vscode.Position(line, 0);
  await vscode.window.showTextDocument(vscode.Uri.parse(paper.origin.source), { selection: new vscode.Range(position, position) });
}

/**
 * The "Search LitNotes…" quick fix: opens the search seeded with the words of
 * an unknown key and puts the chosen paper's key in its place (if the text
 * there is still the same key).
 */
export async function replaceKeyFromSearch(library: LibraryService, recent: RecentPapers, args: unknown[]): Promise<boolean> {
  const [uri, startLine, startCharacter, endLine, endCharacter] = args;
  if (typeof uri !== 'string' || ![startLine, startCharacter, endLine, endCharacter].every((n) => typeof n === 'number')) return false;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const range = new vscode.Range(startLine as number, startCharacter as number, endLine as number, endCharacter as number);
  const key = document.getText(range);
  const result = await pickPapers(library, recent, { title: vscode.l10n.t('LitNotes: Replace "{0}"', key), canSelectMany: false, value: keyWords(key) });
  const paper = result?.papers[0];
  if (!paper || document.getText(range) !== key) return false;
  await recent.use([paper]);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, paper.key);
  return vscode.workspace.applyEdit(edit);
}

/** Papers like this one (`SearchIndex.related`), in a quick pick; choosing one shows its abstract. */
export async function showRelatedPapers(library: LibraryService, paper: Paper): Promise<Paper | undefined> {
  const snapshot = await library.get();
  const items = snapshot.index.related(paper.key, 20).map((hit) => ({
    label: hit.paper.title,
    description: [hit.paper.key, authorsShort(hit.paper.authors), hit.paper.year].filter(Boolean).join(' · '),
    detail: hit.snippet,
    paper: hit.paper,
  }));
  const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Related to "{0}"', paper.title), matchOnDescription: true });
  if (chosen) await showAbstract(chosen.paper);
  return chosen?.paper;
}

/**
 * "Export Cited Entries": the papers cited in the active document (or in the
 * whole workspace) written to a `.bib` or CSL-JSON file the user picks;
 * BibTeX entries keep their original text. An existing file is replaced
 * only after the user confirms. Tests and the API may pass the target URI
 * and the scope.
 */
export async function exportCitedEntries(library: LibraryService, target?: unknown, scope?: unknown): Promise<vscode.Uri | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  const hasDocument = !!document && !!syntaxOf(document);
  const thisDocument = vscode.l10n.t('Cited in this document');
  const workspace = vscode.l10n.t('Cited anywhere in the workspace');
  const where = scope === 'document' || scope === 'workspace' ? scope
    : hasDocument ? ((await vscode.window.showQuickPick([thisDocument, workspace], { title: vscode.l10n.t('LitNotes: Export Cited Entries') })) === workspace ? 'workspace' : 'document') : 'workspace';
  let keys: Set<string>;
  if (where === 'document' && document && hasDocument) keys = new Set(citedKeys(citationsOf(document)).map((k) => k.key));
  else {
    const scan = new WorkspaceCitations();
    try {
      keys = (await scan.current()).allKeys();
    } finally {
      scan.dispose();
    }
  }
  const snapshot = await library.get();
  const papers = new Map<string, Paper>();
  const missing: string[] = [];
  for (const key of keys) {
    const paper = snapshot.paper(key);
    if (paper) papers.set(paper.key, paper);
    else missing.push(key);
  }
  if (papers.size === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No cited paper is in the LitNotes library.'));
    return undefined;
  }
  const uri = typeof target === 'string' ? vscode.Uri.parse(target) : await vscode.window.showSaveDialog({
    defaultUri: document ? vscode.Uri.joinPath(document.uri, '..', `${document.uri.path.split('/').pop()?.replace(/\.[^.]*$/, '') ?? 'cited'}.bib`) : undefined,
    filters: { BibTeX: ['bib'], 'CSL-JSON': ['json'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!uri) return undefined;
  if (await exists(uri)) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} exists. Replace it?', uri.path.split('/').pop() ?? ''), { modal: true }, replace);
    if (answer !== replace) return undefined;
  }
  const cited = [...papers.values()].sort((a, b) => a.key.localeCompare(b.key));
  const sources = new Map<string, string>();
  for (const source of new Set(cited.filter((p) => p.origin.kind === 'bibtex').map((p) => p.origin.source))) {
    try {
      sources.set(source, decodeText(await vscode.workspace.fs.readFile(vscode.Uri.parse(source)), source).text);
    } catch {
      // Gone since the library was read: its papers are rendered instead.
    }
  }
  const text = /\.json$/i.test(uri.path) ? exportCslJson(cited) : exportBibtex(cited, (source) => sources.get(source));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const note = missing.length ? ` ${vscode.l10n.t('Not in the library: {0}.', missing.slice(0, 5).join(', ') + (missing.length > 5 ? ', …' : ''))}` : '';
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} entries to {1}.', cited.length, uri.path.split('/').pop() ?? '') + note);
  return uri;
}
