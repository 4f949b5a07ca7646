import * as assert from './assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'litnotes.litnotes';

describe('LitNotes in a real VS Code', () => {
  it('is installed and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('registers every command the manifest declares, and declares every command it registers', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    await extension?.activate();
    const declared: string[] = (extension?.packageJSON.contributes.commands ?? []).map((c: { command: string }) => c.command);
    // VS Code registers commands of its own for each contributed view (litnotes.papers.focus, ...).
    const views: string[] = Object.values(extension?.packageJSON.contributes.views ?? {}).flat().map((v) => (v as { id: string }).id);
    const registered = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('litnotes.') && !views.some((view) => id.startsWith(`${view}.`)));
    assert.ok(declared.includes('litnotes.search'), 'litnotes.search is declared');
    assert.deepStrictEqual([...registered].sort(), [...declared].sort());
  });

  it('opens the sample workspace with its settings', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, 'expected exactly one workspace folder');
    const bib = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folders[0].uri, 'library', 'references.bib'));
    assert.match(new TextDecoder().decode(bib), /@article\{frantar2023sparsegpt,/);
    await assert.eventually(
      () => vscode.workspace.getConfiguration('litnotes').get<string>('notesFolder') === 'notes',
      30000,
      'litnotes.notesFolder from .vscode/settings.json never became "notes"',
    );
  });
});
