// Keys are sacred across sources: a workspace entry and an embedded-library
// paper that are the same work become one paper, and a \cite of either key
// still finds it. The files are written here and deleted again, so the
// sample workspace and other suites' counts stay as they were.
import * as assert from './assert';
import { activateApi, file, readText, writeText } from './workspace';
import * as vscode from 'vscode';

/** The embedded library's "Sparse MeZO" (arXiv 2402.15751) under a key of the user's own. */
const ENTRY = `@article{sparseMezoMine,
  title   = {Sparse {MeZO}: Less Parameters for Better Performance in Zeroth-Order {LLM} Fine-Tuning},
  author  = {Liu, Yong and Zhu, Zirui and Gong, Chaoyu and Cheng, Minhao and Hsieh, Cho-Jui and You, Yang},
  year    = {2024},
  eprint  = {2402.15751},
  archivePrefix = {arXiv},
}
`;
/** The embedded paper's own key: first author, year, first title word. */
const EMBEDDED_KEY = 'liu2024sparse';

describe('Keys of one work from several sources', () => {
  const bib = file('library', 'alias-merge.bib');
  const tex = file('drafts', 'alias-merge.tex');
  let baseline = 0;

  before(async () => {
    baseline = await (await activateApi()).reload();
  });

  after(async () => {
    for (const uri of [bib, tex]) await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
    const api = await activateApi();
    assert.strictEqual(await api.reload(), baseline, 'the library is back to its state before these tests');
    assert.strictEqual((await api.paper('sparseMezoMine')), undefined);
  });

  it('a \\cite of the embedded key resolves to the merged paper, which carries the user\'s key', async () => {
    const api = await activateApi();
    const before = await api.paper(EMBEDDED_KEY);
    assert.ok(before, `the embedded library has ${EMBEDDED_KEY}`);
    await writeText(bib, ENTRY);
    await writeText(tex, `\\documentclass{article}\n\\begin{document}\nAs shown by \\cite{${EMBEDDED_KEY}}.\n\\end{document}\n`);
    const merged = await assert.eventually(async () => {
      await api.reload();
      return api.paper('sparseMezoMine');
    }, 15000, 'the workspace entry never loaded');

    assert.strictEqual(await api.reload(), baseline, 'the two entries became one paper');
    const cited = /\\cite\{([^}]+)\}/.exec(await readText(tex))?.[1];
    assert.strictEqual(cited, EMBEDDED_KEY);
    const resolved = await api.paper(cited);
    assert.ok(resolved, `\\cite{${cited}} resolves`);
    assert.strictEqual(resolved.key, 'sparseMezoMine', 'the workspace file takes precedence over the embedded library');
    assert.strictEqual(resolved.title, merged.title);
    assert.ok(resolved.aliases?.includes(EMBEDDED_KEY), `aliases: ${String(resolved.aliases)}`);
    assert.ok(resolved.abstract, 'the abstract is filled from the embedded paper, which passed the same-work test');
    const hits = await api.search(EMBEDDED_KEY, 5);
    assert.ok(hits.some((h) => h.paper.key === 'sparseMezoMine'), 'search finds the paper by its other key');
    const problems = await api.problems();
    assert.ok(problems.some((p) => p.severity === 'info' && /same work as "sparseMezoMine".*arXiv/.test(p.message)), 'the merge is reported');
  });
});
