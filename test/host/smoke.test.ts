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

  it('registers the litnotes.search command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('litnotes.search'), 'litnotes.search is not among the registered commands');
  });

  it('opens the sample workspace with its settings', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, 'expected exactly one workspace folder');
    const bib = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folders[0].uri, 'library', 'references.bib'));
    assert.match(new TextDecoder().decode(bib), /@article\{frantar2023sparsegpt,/);
    await assert.eventually(
      () => vscode.workspace.getConfiguration('litnotes').get<string>('notesFolder') === 'notes',
      5000,
      'litnotes.notesFolder from .vscode/settings.json never became "notes"',
    );
  });
});
