import * as vscode from 'vscode';
import * as assert from './assert';
import { removeDrafts, removeLater, writeDraft } from './drafts';
import { activateApi, file, writeText } from './workspace';

/** Workspace values of settings a test changed, put back after each test. */
const changed = new Map<string, unknown>();
async function setStyle(value: string | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('litnotes');
  if (!changed.has('citationStyle')) changed.set('citationStyle', config.inspect('citationStyle')?.workspaceValue);
  const target = value ?? changed.get('citationStyle');
  await config.update('citationStyle', target, vscode.ConfigurationTarget.Workspace);
  await assert.eventually(
    () => JSON.stringify(vscode.workspace.getConfiguration('litnotes').inspect('citationStyle')?.workspaceValue) === JSON.stringify(target),
    30000,
    `the extension host never saw litnotes.citationStyle = ${JSON.stringify(target)}`,
  );
}

async function openDraft(name: string, text: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await writeDraft(name, text));
}

function cursorAtEnd(editor: vscode.TextEditor): void {
  const end = editor.document.positionAt(editor.document.getText().length);
  editor.selection = new vscode.Selection(end, end);
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('Formatted references in CSL styles', () => {
  before(async () => {
    await (await activateApi()).papers();
  });

  afterEach(async () => {
    if (changed.has('citationStyle')) await setStyle(undefined);
    changed.clear();
    await removeDrafts();
  });

  it('inserts an APA reference, then a bibliography that a second run updates in place', async () => {
    const editor = await openDraft('refs.md', 'Adapters [@hu2021lora] work.\n\n');
    cursorAtEnd(editor);
    assert.strictEqual(await vscode.commands.executeCommand('litnotes.insertFormattedReference', 'frantar2023sparsegpt'), true);
    const withReference = editor.document.getText();
    // APA 7's form of an arXiv preprint: italic title, the arXiv number, arXiv as the publisher, the URL.
    assert.match(withReference, /\n\nFrantar, E\., & Alistarh, D\. \(2023\)\. \*SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot\* \(arXiv:2301\.00774\)\. arXiv\. https:\/\/arxiv\.org\/abs\/2301\.00774$/);
    assert.ok(!/<\/?[a-z][^>]*>/i.test(withReference), `HTML in Markdown: ${withReference}`);
    // citeproc ran in its own worker: loaded into this extension host instead, the bundle would have set litnotesCsl here.
    assert.strictEqual((globalThis as { litnotesCsl?: unknown }).litnotesCsl, undefined, 'the CSL bundle was loaded into the extension host');

    cursorAtEnd(editor);
    assert.strictEqual(await vscode.commands.executeCommand('litnotes.insertBibliography'), true);
    const first = editor.document.getText();
    assert.strictEqual(count(first, '<!-- litnotes-bibliography'), 1, first);
    assert.strictEqual(count(first, '<!-- /litnotes-bibliography -->'), 1, first);
    assert.match(first, /Hu, E\. J\., Shen, Y\., Wallis, P\., Allen-Zhu, Z\., Li, Y\., Wang, S\., Wang, L\., & Chen, W\. \(2021\)\./);
    const block = first.slice(first.indexOf('<!-- litnotes-bibliography'));
    assert.ok(!block.includes('Frantar'), 'only cited papers are in the bibliography');

    // A new citation, above the block; the second run replaces the block rather than adding one.
    const edited = await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'Quantization [@frantar2022gptq].\n\n'));
    assert.ok(edited);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.strictEqual(await vscode.commands.executeCommand('litnotes.insertBibliography'), true);
    const second = editor.document.getText();
    assert.strictEqual(count(second, '<!-- litnotes-bibliography'), 1, second);
    assert.ok(second.startsWith('Quantization [@frantar2022gptq].'), 'the block was not inserted at the cursor');
    const updated = second.slice(second.indexOf('<!-- litnotes-bibliography'));
    const gptq = updated.indexOf('Frantar, E., Ashkboos, S., Hoefler, T., & Alistarh, D. (2022).');
    const lora = updated.indexOf('Hu, E. J.');
    assert.ok(gptq > 0 && lora > gptq, `APA order (Frantar before Hu) in:\n${updated}`);
    assert.ok(second.includes(withReference.trim().split('\n').pop() as string), 'the inserted reference is kept');
  });

  it('follows litnotes.citationStyle, and a bad style file gives a message, not a crash or an edit', async () => {
    await setStyle('ieee');
    const editor = await openDraft('refs-ieee.md', '');
    assert.strictEqual(await vscode.commands.executeCommand('litnotes.insertFormattedReference', ['hu2021lora', 'frantar2022gptq']), true);
    const text = editor.document.getText();
    // Numbered in the order given; seven or more authors become "et al." (in italics, as Markdown).
    assert.match(text, /^\[1\] E\. J\. Hu \*et al\.\*, “LoRA: Low-Rank Adaptation of Large Language Models\.” arXiv, 2021\./);
    assert.match(text, /\n\n\[2\] E\. Frantar, S\. Ashkboos, T\. Hoefler, and D\. Alistarh, “GPTQ/);

    await writeText(file('drafts', 'broken.csl'), '<style><info><title>Broken</title></info>');
    removeLater(file('drafts', 'broken.csl'));
    await setStyle('drafts/broken.csl');
    const before = editor.document.getText();
    assert.strictEqual(await vscode.commands.executeCommand('litnotes.insertFormattedReference', 'hu2021lora'), false);
    await setStyle('drafts/missing.csl');
    assert.strictEqual(await vscode.commands.executeCommand('litnotes.insertFormattedReference', 'hu2021lora'), false);
    assert.strictEqual(editor.document.getText(), before);
  });

  it('Insert Citation in a plain-text file writes a reference in the CSL style; a LaTeX bibliography sits between % markers', async () => {
    const plain = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' }));
    await vscode.commands.executeCommand('litnotes.insertCitation', 'frantar2023sparsegpt');
    await assert.eventually(() => plain.document.getText() === 'Frantar, E., & Alistarh, D. (2023). SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot (arXiv:2301.00774). arXiv. https://arxiv.org/abs/2301.00774',
      10000, `the APA reference in the plain-text file; got ${JSON.stringify(plain.document.getText())}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    const tex = await openDraft('refs.tex', 'Adapters \\cite{hu2021lora}.\n');
    cursorAtEnd(tex);
    assert.strictEqual(await vscode.commands.executeCommand('litnotes.insertBibliography'), true);
    assert.match(tex.document.getText(), /\n% litnotes-bibliography \(apa\)[^\n]*\n\nHu, E\. J\., [^\n]*\n\n% \/litnotes-bibliography\n$/);
  });

  it('copies a reference as plain text or Markdown', async () => {
    const markdown = await vscode.commands.executeCommand<string>('litnotes.copyFormattedReference', 'frantar2023sparsegpt', undefined, 'markdown');
    assert.strictEqual(await vscode.env.clipboard.readText(), markdown);
    assert.match(markdown, /^Frantar, E\., & Alistarh, D\. \(2023\)\. \*SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot\* \(arXiv:2301\.00774\)\./);
    const text = await vscode.commands.executeCommand<string>('litnotes.copyFormattedReference', 'frantar2023sparsegpt', undefined, 'text');
    assert.strictEqual(text, 'Frantar, E., & Alistarh, D. (2023). SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot (arXiv:2301.00774). arXiv. https://arxiv.org/abs/2301.00774');
    assert.ok(!text.includes('*'));
  });
});
