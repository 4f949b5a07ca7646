import * as vscode from 'vscode';
import * as assert from './assert';
import { SAVED_FILES } from '../../src/vscode/library/savedLibraryStore';
import { activateApi, file, openLibrary, writeText } from './workspace';

const QUERIES = ['sparse attention', 'sparsegpt', 'Alistarh', 'quantizaton', 'kv cache'];

describe('Reopening the library from what was saved', () => {
  it('a restart restores the same papers, problems and search results from storage, without re-reading', async () => {
    const api = await activateApi();
    const storage = file('.test-storage', 'restore');
    const original = openLibrary(storage);
    const first = await original.get();
    await original.whenSaved();
    original.dispose();
    assert.strictEqual(first.loadedFrom, 'files');
    const papersFile = vscode.Uri.joinPath(storage, SAVED_FILES.papers);
    assert.ok((await vscode.workspace.fs.stat(papersFile)).size > 10000, 'the saved papers file is written');
    // What topic discovery learnt is saved too, so papers added after the restart join these topics.
    const topicsFile = vscode.Uri.joinPath(storage, SAVED_FILES.topics);
    assert.strictEqual(new TextDecoder().decode((await vscode.workspace.fs.readFile(topicsFile)).subarray(0, 4)), 'LNTP');

    const second = openLibrary(storage);
    try {
      const restored = await second.get();
      assert.strictEqual(restored.loadedFrom, 'saved');
      assert.deepStrictEqual(restored.papers.map((p) => p.key), first.papers.map((p) => p.key));
      assert.deepStrictEqual(restored.papers.find((p) => p.key === 'frantar2023sparsegpt'), first.papers.find((p) => p.key === 'frantar2023sparsegpt'));
      assert.deepStrictEqual(restored.problems, first.problems);
      assert.deepStrictEqual([...restored.notes.keys()], [...first.notes.keys()]);
      for (const q of QUERIES) {
        const expected = first.index.search(q).map((h) => [h.paper.key, h.score]);
        assert.ok(expected.length > 0, q);
        assert.deepStrictEqual(restored.index.search(q).map((h) => [h.paper.key, h.score]), expected, q);
      }
      assert.strictEqual((await api.papers()).length, restored.papers.length);
    } finally {
      second.dispose();
    }
  });

  it('a restart restores at once, then reads a library file added while VS Code was closed', async () => {
    const storage = file('.test-storage', 'added-while-closed');
    const original = openLibrary(storage);
    const first = await original.get();
    await original.whenSaved();
    original.dispose();
    // Written with no service of this storage running: as if added while VS Code was closed.
    const added = file('library', 'added-while-closed.bib');
    await writeText(added, '@article{closed2024added, title = {A paper added while the editor was closed}, author = {Doe, Jane}, year = {2024}}\n');
    const second = openLibrary(storage);
    try {
      const restored = await second.get();
      assert.strictEqual(restored.loadedFrom, 'saved', 'the saved library comes first');
      assert.strictEqual(restored.papers.length, first.papers.length);
      const reloaded = await assert.eventually(() => second.current().paper('closed2024added'), 30000, 'the added file was never read');
      assert.strictEqual(reloaded.title, 'A paper added while the editor was closed');
      assert.strictEqual(second.current().loadedFrom, 'files');
    } finally {
      second.dispose();
      await vscode.workspace.fs.delete(added);
    }
  });

  it('a damaged saved index is ignored: the library is read from its files, and the next save repairs it', async () => {
    const storage = file('.test-storage', 'damaged');
    const original = openLibrary(storage);
    const first = await original.get();
    await original.whenSaved();
    original.dispose();
    const indexFile = vscode.Uri.joinPath(storage, SAVED_FILES.index);
    const saved = await vscode.workspace.fs.readFile(indexFile);
    // Same length (so only the content check can catch it), but not an index.
    await vscode.workspace.fs.writeFile(indexFile, new Uint8Array(saved.length).fill(0x41));
    const second = openLibrary(storage);
    try {
      const snapshot = await second.get();
      assert.strictEqual(snapshot.loadedFrom, 'files');
      assert.deepStrictEqual(snapshot.papers.map((p) => p.key), first.papers.map((p) => p.key));
      assert.strictEqual(snapshot.index.search('sparsegpt')[0]?.paper.key, 'frantar2023sparsegpt');
      await second.whenSaved();
      // Its own save replaced the damaged file with a good one.
      const third = openLibrary(storage);
      try {
        assert.strictEqual((await third.get()).loadedFrom, 'saved');
      } finally {
        third.dispose();
      }
    } finally {
      second.dispose();
    }
  });
});
