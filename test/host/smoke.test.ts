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

  it('opens the sample workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, 'expected exactly one workspace folder');
  });
});
