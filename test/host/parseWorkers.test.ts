// Large library files parse in a worker (a Web Worker here, in the web extension host): the same papers and
// problems as on the host's thread, and a large file in the workspace loads through it.
import * as vscode from 'vscode';
import { buildLibrary } from '../../src/core/library/buildLibrary';
import { parseFileSteps } from '../../src/core/load/parseFile';
import { SearchIndex } from '../../src/core/search/searchIndex';
import { runToEnd } from '../../src/core/slices';
import { DEFAULT_TAXONOMY } from '../../src/core/topics/taxonomy';
import { ParseWorkers, WORKER_MIN_BYTES } from '../../src/vscode/library/parseWorkers';
import * as assert from './assert';
import { activateApi, EXTENSION_ID, file, openLibrary, writeText } from './workspace';

const QUERIES = ['parsing in a worker', 'café', 'van der Roe', 'worker part 1999'];

/** `count` entries of about 2 kB each; entry `broken` lacks a comma before its author field. */
function largeBibtex(count: number, broken: number): string {
  const entries: string[] = [];
  for (let i = 0; i < count; i++) {
    const comma = i === broken ? '' : ',';
    entries.push(`@article{workerPaper${i},\n  title = {Parsing in a worker, part ${i}: {LaTeX} \\& caf\\'e}${comma}\n  author = {Doe, Jane and van der Roe, Rick},\n  year = {2024},\n  journal = {Journal of Workers},\n  abstract = {${'Abstract text that makes the file large enough for a worker. '.repeat(30)}}\n}\n`);
  }
  return entries.join('\n');
}

describe('parse workers', () => {
  const source = file('library', 'worker-large.bib');

  it('parse a large BibTeX file off the host thread, with the same papers and problems as the host', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    const bytes = new TextEncoder().encode(largeBibtex(200, 7));
    assert.ok(bytes.byteLength >= WORKER_MIN_BYTES, 'the file is large enough for a worker');
    const expected = runToEnd(parseFileSteps(bytes.slice(), source.toString()));
    const workers = new ParseWorkers(extension.extensionUri);
    try {
      const got = await workers.parse(bytes, source.toString());
      assert.ok(got, 'a worker parsed the file (the web extension host let the extension start one)');
      assert.strictEqual(got.papers.length, 199);
      assert.deepStrictEqual(got, expected);
      assert.ok(got.problems.some((p) => p.line === 57 && p.message.includes('workerPaper7')), 'the broken entry is reported at its line');
    } finally {
      workers.dispose();
    }
  });

  it('build a library (assemble, sort, index) off the host thread, as the host builds it', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    const sources = [largeBibtex(300, 7), largeBibtex(50, -1).replace(/workerPaper/g, 'otherPaper')].map((text, i) =>
      runToEnd(parseFileSteps(new TextEncoder().encode(text), file('library', `part${i}.bib`).toString())));
    const expected = runToEnd(buildLibrary(sources, DEFAULT_TAXONOMY, SearchIndex.empty(), { mode: 'auto' }));
    const workers = new ParseWorkers(extension.extensionUri);
    try {
      const built = await workers.build(sources, DEFAULT_TAXONOMY, 'auto');
      assert.ok(built, 'a worker built the library');
      assert.deepStrictEqual(built.topics.topics, JSON.parse(JSON.stringify(expected.topics.topics)), 'the same topics, discovered ones included');
      assert.deepStrictEqual(built.papers.map((p) => p.key), expected.papers.map((p) => p.key));
      assert.deepStrictEqual(built.papers, JSON.parse(JSON.stringify(expected.papers)));
      assert.deepStrictEqual(built.problems, expected.problems);
      const index = runToEnd(SearchIndex.restore(built.index, built.papers));
      for (const q of QUERIES) {
        const hits = expected.index.search(q).map((h) => [h.paper.key, h.score]);
        assert.ok(hits.length > 0, q);
        assert.deepStrictEqual(index.search(q).map((h) => [h.paper.key, h.score]), hits, q);
      }
    } finally {
      workers.dispose();
    }
  });

  it('a first load of over 2,000 papers from a fresh storage (parsed in workers) has the same papers and problems as a reload', async () => {
    const api = await activateApi();
    const storage = file('.test-storage', 'worker-build');
    try {
      await writeText(source, largeBibtex(2100, 7));
      await api.reload();
      const fresh = openLibrary(storage);
      try {
        const cold = await fresh.get();
        assert.strictEqual(cold.loadedFrom, 'files');
        assert.deepStrictEqual(cold.papers.map((p) => p.key), (await api.papers()).map((p) => p.key));
        assert.deepStrictEqual(cold.problems, await api.problems());
        assert.strictEqual(cold.index.search('worker part 2099')[0]?.paper.key, 'workerPaper2099');
        assert.strictEqual(cold.paper('workerPaper7'), undefined);
      } finally {
        fresh.dispose();
      }
    } finally {
      await vscode.workspace.fs.delete(source, { useTrash: false });
      await vscode.workspace.fs.delete(storage, { recursive: true, useTrash: false }).then(undefined, () => undefined);
      await api.reload();
    }
  });

  it('a large library file in the workspace loads, its broken entry reported at its line', async () => {
    const api = await activateApi();
    try {
      await writeText(source, largeBibtex(200, 7));
      await api.reload();
      assert.ok(await api.paper('workerPaper199'), 'the last entry loaded');
      assert.strictEqual(await api.paper('workerPaper7'), undefined);
      const problems = (await api.problems()).filter((p) => p.source === source.toString());
      assert.ok(problems.some((p) => p.line === 57 && p.severity === 'error'), `the broken entry is reported at line 57: ${JSON.stringify(problems)}`);
    } finally {
      await vscode.workspace.fs.delete(source, { useTrash: false });
      await api.reload();
    }
    assert.strictEqual(await api.paper('workerPaper199'), undefined, 'the file is gone from the library again');
  });
});
