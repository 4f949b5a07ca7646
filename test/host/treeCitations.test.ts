import * as vscode from 'vscode';
import { WorkspaceCitations } from '../../src/vscode/editor/workspaceCitations';
import { CITED_GROUP, PaperTreeProvider, type TreeNode } from '../../src/vscode/views/paperTree';
import { TreeCitations } from '../../src/vscode/views/treeCitations';
import * as assert from './assert';
import { activateApi, file, openLibrary, writeText } from './workspace';

/** The tree as VS Code reads it: root nodes, and a group's paper keys. */
async function roots(tree: PaperTreeProvider): Promise<TreeNode[]> {
  return tree.getChildren();
}

async function citedKeys(tree: PaperTreeProvider): Promise<string[] | undefined> {
  const [first] = await roots(tree);
  if (first?.kind !== 'group' || first.id !== CITED_GROUP) return undefined;
  return first.papers.map((p) => p.key);
}

/** The description of a paper's row in its topic group ("Hu 2021 · cited in 3"). */
async function rowDescription(tree: PaperTreeProvider, key: string): Promise<string> {
  for (const group of await roots(tree)) {
    if (group.kind !== 'group' || group.id === CITED_GROUP) continue;
    const row = (await tree.getChildren(group)).find((n) => n.kind === 'paper' && n.paper.key === key);
    if (row) return String(tree.getTreeItem(row).description);
  }
  throw new Error(`${key} is in no group`);
}

function citedIn(description: string): number {
  return Number(/cited in (\d+)/.exec(description)?.[1] ?? 0);
}

describe('The tree follows citations', () => {
  const written: vscode.Uri[] = [];
  let tree: PaperTreeProvider;
  const disposables: vscode.Disposable[] = [];

  before(async () => {
    await activateApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const library = openLibrary(file('.test-storage', 'tree-citations'));
    const workspace = new WorkspaceCitations();
    const citations = new TreeCitations(library, workspace);
    tree = new PaperTreeProvider(library, citations);
    disposables.push(library, workspace, citations, tree);
    await library.get();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of written.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    for (const d of disposables.splice(0)) d.dispose();
  });

  it('counts the documents that cite a paper, and counts a new citing file', async () => {
    // The first ask starts the workspace scan; the count settles once it is done.
    const before = await assert.eventually(async () => {
      const first = citedIn(await rowDescription(tree, 'hu2021lora'));
      return first > 0 ? first : undefined; // drafts/draft.md cites it
    });
    // A count change repaints the rows whose count changed, never the whole tree (which drops VS Code's handle to every row: a context-menu click meanwhile lost its row).
    const repaints: Array<TreeNode | TreeNode[] | undefined> = [];
    disposables.push(tree.onDidChangeTreeData((change) => repaints.push(change)));
    const uri = file('drafts', 'tree-count.tex');
    written.push(uri);
    await writeText(uri, '\\documentclass{article}\n\\begin{document}\nLow-rank adapters~\\cite{hu2021lora}.\n\\end{document}\n');
    await assert.eventually(async () => citedIn(await rowDescription(tree, 'hu2021lora')) === before + 1, 30000, `the count did not go from ${before} to ${before + 1}`);
    const rowRepaint = await assert.eventually(() => repaints.find((r): r is TreeNode[] => Array.isArray(r)), 30000, 'no row was repainted');
    assert.ok(rowRepaint.some((n) => n.kind === 'paper' && n.paper.key === 'hu2021lora'), 'the LoRA row is repainted');
    assert.ok(rowRepaint.every((n) => n.kind === 'paper' && n.paper.key === 'hu2021lora'), 'only rows of the paper whose count changed');
    assert.ok(!repaints.includes(undefined), 'the whole tree was repainted for a count');
    const item = tree.getTreeItem((await roots(tree))[0]);
    assert.ok(item.label !== vscode.l10n.t('Cited in this document'), 'no editor is open, so there is no cited group');
  });

  it('shows "Cited in this document" for the active editor, in citation order, and follows edits and editor switches', async () => {
    const uri = file('drafts', 'tree-cited.md');
    written.push(uri);
    await writeText(uri, 'Pruning [@frantar2023sparsegpt] and adapters [@hu2021lora; @nobody2099unknown].\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.deepStrictEqual(await assert.eventually(() => citedKeys(tree)), ['frantar2023sparsegpt', 'hu2021lora']);

    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), 'Quantization: @frantar2022gptq.\n'));
    await assert.eventually(async () => (await citedKeys(tree))?.length === 3, 30000, 'the edit did not reach the cited group');
    assert.deepStrictEqual(await citedKeys(tree), ['frantar2023sparsegpt', 'hu2021lora', 'frantar2022gptq']);

    const [group] = await roots(tree);
    const rows = await tree.getChildren(group);
    assert.strictEqual(tree.getParent(rows[0]), group, 'a cited row knows its group');

    // An editor that cites nothing: the group goes away.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('library', 'extra.json')));
    await assert.eventually(async () => (await citedKeys(tree)) === undefined, 30000, 'the cited group stayed after switching editors');
    await editor.document.save();
  });
});
