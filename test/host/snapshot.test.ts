import * as assert from './assert';
import { file, openLibrary, writeText } from './workspace';
import * as vscode from 'vscode';

/** Enough entries that reading, assembling and indexing them takes many time slices. */
const ENTRIES = 2000;

function library(word: string): string {
  return Array.from({ length: ENTRIES }, (_, i) =>
    `@article{swap${i},\n  title = {${word} study number ${i}},\n  author = {Doe, Jane},\n  year = {2024},\n  abstract = {How ${word} behaves in case ${i}.}\n}\n`).join('\n');
}

describe('A reload swaps the library whole', () => {
  it('a search between the slices of a reload sees the old library or the new one, never a mix', async () => {
    const bib = file('library', 'snapshot-swap.bib');
    const service = openLibrary(file('.test-storage', 'snapshot'));
    try {
      await writeText(bib, library('alphaword'));
      const before = await service.reload();
      assert.strictEqual(before.index.search('alphaword', { limit: ENTRIES }).length, ENTRIES, 'the first library is loaded');

      await writeText(bib, library('omegaword'));
      const seen: string[] = [];
      let done = false;
      // Timer callbacks run between the reload's slices (each slice ends by yielding to the event loop).
      const observe = (): void => {
        const snapshot = service.current();
        const alpha = snapshot.index.search('alphaword', { limit: ENTRIES }).length;
        const omega = snapshot.index.search('omegaword', { limit: ENTRIES }).length;
        const state = alpha === ENTRIES && omega === 0 ? 'old' : alpha === 0 && omega === ENTRIES ? 'new' : `mixed: ${alpha} old, ${omega} new`;
        const consistent = snapshot.papers.length === snapshot.index.size && snapshot.papers.every((p) => snapshot.index.get(p.key) === p);
        seen.push(consistent ? state : `${state}; papers and index disagree`);
        if (!done) setTimeout(observe, 0);
      };
      setTimeout(observe, 0);
      const after = await service.reload();
      done = true;
      observe();

      assert.ok(seen.length > 5, `the reload yielded between slices (${seen.length} observations)`);
      const bad = seen.filter((s) => s !== 'old' && s !== 'new');
      assert.deepStrictEqual(bad, [], 'every observation was the old or the new library');
      assert.strictEqual(seen[0], 'old');
      assert.strictEqual(seen[seen.length - 1], 'new');
      assert.strictEqual(after.index.search('omegaword', { limit: ENTRIES }).length, ENTRIES);
      // The old snapshot is untouched: whoever still holds it keeps a whole library.
      assert.strictEqual(before.index.search('alphaword', { limit: ENTRIES }).length, ENTRIES);
      assert.strictEqual(before.index.search('omegaword', { limit: ENTRIES }).length, 0);
    } finally {
      service.dispose();
      await vscode.workspace.fs.delete(bib, { useTrash: false });
    }
  });
});
