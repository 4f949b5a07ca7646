// Large library files parse in a worker (a Web Worker here, in the web extension host): the same papers and
// problems as on the host's thread, and a large file in the workspace loads through it.
import * as vscode from 'vscode';
import { parseFileSteps } from '../../src/core/load/parseFile';
import { runToEnd } from '../../src/core/slices';
import { ParseWorkers, WORKER_MIN_BYTES } from '../../src/vscode/library/parseWorkers';
import * as assert from './assert';
import { activateApi, EXTENSION_ID, file, writeText } from './workspace';

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
