import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { assembleLibrarySteps } from '../../src/core/library/library';
import { mergeDuplicateSteps, type MergeResult } from '../../src/core/library/merge';
import { runInSlices, runToEnd } from '../../src/core/slices';
import { DEFAULT_TAXONOMY } from '../../src/core/topics/taxonomy';
import type { DraftPaper, Paper } from '../../src/core/model';
import { corpusDrafts } from './helpers/corpus';

let line = 0;
/** A draft from `source` (a different file per test unless given), on a new line. */
function draft(fields: Partial<DraftPaper> & { title: string }, source = 'a.bib'): DraftPaper {
  return {
    authors: [],
    keywords: [],
    origin: { source, kind: 'bibtex', line: ++line },
    ...fields,
  };
}

function merge(drafts: DraftPaper[]): MergeResult {
  return runToEnd(mergeDuplicateSteps(drafts));
}

/** The paper a key cites: its own key or an alias. */
function resolve(papers: readonly Paper[], key: string): Paper | undefined {
  return papers.find((p) => p.key === key) ?? papers.find((p) => p.aliases?.includes(key));
}

const ada = [{ family: 'Lovelace', given: 'Ada' }];

describe('merge: the same work across sources', () => {
  it('merges the same DOI (any case, with a resolver prefix); the first source wins, both keys resolve', () => {
    const first = draft({ key: 'smith2020sparse', title: 'Sparse Models at Scale', doi: '10.1000/ABC.123', authors: ada }, 'mine.bib');
    const second = draft({ key: 'Smith:2020', title: 'Sparse models at scale', doi: 'https://doi.org/10.1000/abc.123', venue: 'NeurIPS', abstract: 'An abstract.' }, 'theirs.json');
    const library = runToEnd(assembleLibrarySteps([{ papers: [first], problems: [] }, { papers: [second], problems: [] }], DEFAULT_TAXONOMY));
    assert.equal(library.papers.length, 1);
    const paper = library.papers[0];
    assert.equal(paper.key, 'smith2020sparse');
    assert.deepEqual(paper.aliases, ['Smith:2020']);
    assert.equal(resolve(library.papers, 'Smith:2020'), paper);
    assert.equal(paper.title, 'Sparse Models at Scale');
    assert.equal(paper.venue, 'NeurIPS');
    assert.equal(paper.abstract, 'An abstract.');
    const reported = library.problems.find((p) => p.severity === 'info' && p.source === 'theirs.json' && p.line === second.origin.line);
    assert.ok(reported, 'the merge is reported at the folded entry');
    assert.match(reported.message, /"Smith:2020" is the same work as "smith2020sparse".*same DOI/);
  });

  it('compares later entries with the title a merge filled in, not with the missing one', () => {
    const untitled = draft({ key: 'a', title: '', doi: '10.1/x' }, 'one.bib');
    const titled = draft({ key: 'b', title: 'Sparse Models at Scale', doi: '10.1/x' }, 'two.bib');
    const other = draft({ key: 'c', title: 'A Different Paper Entirely', doi: '10.1/x' }, 'three.bib');
    const { papers, problems } = merge([untitled, titled, other]);
    assert.equal(papers.length, 2, 'the third shares the DOI but not the title it now has');
    assert.equal(papers[0].title, 'Sparse Models at Scale');
    assert.ok(problems.some((p) => p.severity === 'warning' && p.source === 'three.bib' && /Shares DOI/.test(p.message)));
  });

  it('merges an equal arXiv id (version and "arXiv:" ignored) only when the titles agree', () => {
    const { papers } = merge([
      draft({ key: 'a', title: 'SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot', arxiv: '2301.00774v3' }, 'one.bib'),
      draft({ key: 'b', title: 'SparseGPT', arxiv: 'arXiv:2301.00774', year: 2023 }, 'two.bib'),
    ]);
    assert.equal(papers.length, 1);
    assert.equal(papers[0].year, 2023);
    assert.deepEqual(papers[0].aliases, ['b']);
  });

  it('merges equal title, year and first author; never the title alone', () => {
    const same = merge([
      draft({ key: 'x1', title: 'Über sparse Café models', year: 2021, authors: ada }, 'one.bib'),
      draft({ key: 'x2', title: 'uber SPARSE cafe models!', year: 2021, authors: [{ family: 'lovelace' }] }, 'two.bib'),
    ]);
    assert.equal(same.papers.length, 1);
    const apart = merge([
      draft({ key: 'y1', title: 'Interpretation as Abduction', year: 1988, authors: ada }, 'one.bib'),
      draft({ key: 'y2', title: 'Interpretation as Abduction', year: 1990, authors: ada }, 'two.bib'),
      draft({ key: 'y3', title: 'Interpretation as Abduction', year: 1993, authors: ada }, 'three.bib'),
      draft({ key: 'y4', title: 'Interpretation as Abduction', authors: ada }, 'four.bib'),
    ]);
    assert.equal(apart.papers.length, 4);
  });

  it('keeps the same title apart when the DOIs differ, even with equal year and author', () => {
    const { papers } = merge([
      draft({ key: 'p1', title: 'Interpretation as Abduction', year: 1993, authors: ada, doi: '10.1/one' }, 'one.bib'),
      draft({ key: 'p2', title: 'Interpretation as Abduction', year: 1993, authors: ada, doi: '10.1/two', abstract: 'Other work.' }, 'two.bib'),
    ]);
    assert.equal(papers.length, 2);
    assert.equal(papers[0].abstract, undefined, 'no field comes from an entry that failed the test');
  });

  it('treats a shared identifier with disagreeing titles as suspect: kept apart, with a warning', () => {
    const { papers, problems } = merge([
      draft({ key: 'd1', title: 'Graph neural networks for molecules', doi: '10.9/same' }, 'one.bib'),
      draft({ key: 'd2', title: 'A history of the printing press', doi: '10.9/SAME' }, 'two.bib'),
    ]);
    assert.equal(papers.length, 2);
    assert.ok(problems.some((p) => p.severity === 'warning' && /Shares DOI 10\.9\/SAME with "d1"/.test(p.message)));
  });

  it('fills a missing key from a later entry, and keeps a generated-key paper findable by the key it would have had', () => {
    const corpusPaper = draft({ title: 'Shared Work Title', arxiv: '2101.00001', year: 2021, authors: ada }, 'corpus.txt');
    const mine = draft({ key: 'myKey', title: 'Shared Work Title', arxiv: '2101.00001v2' }, 'mine.bib');
    const library = runToEnd(assembleLibrarySteps([{ papers: [mine], problems: [] }, { papers: [corpusPaper], problems: [] }], DEFAULT_TAXONOMY));
    assert.equal(library.papers.length, 1);
    assert.equal(library.papers[0].key, 'myKey');
    assert.deepEqual(library.papers[0].aliases, ['lovelace2021shared']);
    const keyless = merge([draft({ title: 'A paper without a key', doi: '10.5/k' }, 'one.json'), draft({ key: 'src2020key', title: 'A paper without a key', doi: '10.5/K', generatedKey: false }, 'two.bib')]);
    assert.equal(keyless.papers[0].key, 'src2020key');
    assert.equal(keyless.papers[0].generatedKey, false);
  });

  it('leaves out a later entry that uses a taken key for a different work, with a warning', () => {
    const { papers, problems } = merge([
      draft({ key: 'k', title: 'SparseGPT' }, 'one.bib'),
      draft({ key: 'k', title: 'Completely different title' }, 'two.json'),
    ]);
    assert.equal(papers.length, 1);
    assert.equal(papers[0].title, 'SparseGPT');
    assert.ok(problems.some((p) => p.severity === 'warning' && p.source === 'two.json' && /"k" already names a different work/.test(p.message)));
  });

  it('never leaves out an entry whose key only equals the key another paper would be generated', () => {
    const library = runToEnd(assembleLibrarySteps([
      { papers: [draft({ title: 'Shared Work Title', year: 2021, authors: ada }, 'notes.json')], problems: [] },
      { papers: [draft({ key: 'lovelace2021shared', title: 'Another work entirely' }, 'late.bib')], problems: [] },
    ], DEFAULT_TAXONOMY));
    assert.equal(library.papers.length, 2);
    assert.equal(resolve(library.papers, 'lovelace2021shared')?.title, 'Another work entirely');
  });

  it('gives the first paper precedence, fills gaps, unions keywords and stated topics, and changes no input', () => {
    const first = draft({ key: 'x2020first', title: 'Precedence Test Paper Title', authors: [{ family: 'First', given: 'A.' }], year: 2020, keywords: ['Pruning', 'sparsity'], doi: '10.7/p' }, 'first.bib');
    const second = draft({ key: 'y2021second', title: 'precedence test paper title', authors: [{ family: 'Second' }], year: 2021, venue: 'ICLR', keywords: ['pruning', 'LLM'], statedTopics: ['pruning'], doi: '10.7/P' }, 'second.json');
    const { papers } = merge([first, second]);
    assert.equal(papers.length, 1);
    const m = papers[0];
    assert.equal(m.key, 'x2020first');
    assert.deepEqual(m.authors, [{ family: 'First', given: 'A.' }]);
    assert.equal(m.year, 2020);
    assert.equal(m.venue, 'ICLR');
    assert.deepEqual(m.keywords, ['Pruning', 'sparsity', 'LLM']);
    assert.deepEqual(m.statedTopics, ['pruning']);
    assert.equal(m.origin.source, 'first.bib');
    assert.deepEqual(first.keywords, ['Pruning', 'sparsity']);
    assert.equal(first.venue, undefined);
  });

  it('assembles the same drafts twice alike and leaves them as they were (a reload assembles cached parses again)', () => {
    const drafts = [
      draft({ key: 'a2020one', title: 'One Paper', doi: '10.1/one', keywords: ['x'] }, 'lib.bib'),
      draft({ title: 'Two Paper Without Key', authors: ada, year: 2021 }, 'lib.bib'),
      draft({ key: 'b2020one', title: 'one paper', doi: '10.1/ONE' }, 'other.bib'),
    ];
    const before = structuredClone(drafts);
    const assemble = () => runToEnd(assembleLibrarySteps([{ papers: drafts, problems: [] }], DEFAULT_TAXONOMY)).papers;
    const first = assemble();
    assert.deepEqual(drafts, before, 'the drafts are not changed');
    const second = assemble();
    assert.deepEqual(second, first);
    assert.ok(second.every((p) => !first.includes(p)), 'each assembly has papers of its own');
    assert.ok(first.every((p) => Array.isArray(p.topics) && typeof p.key === 'string'));
  });

  it('keeps all 75 embedded corpus papers apart, and merges a second copy away', () => {
    assert.equal(merge(corpusDrafts().papers).papers.length, 75);
    assert.equal(merge([...corpusDrafts().papers, ...corpusDrafts().papers]).papers.length, 75);
  });
});

describe('merge: inside one file, keys are never lost', () => {
  it('keeps entries with different keys apart, and reports a probable duplicate with both keys and lines', () => {
    const full = draft({ key: 'hobbs1993', title: 'Interpretation as Abduction', year: 1993, authors: ada, doi: '10.1/ia' });
    const minimal = draft({ key: 'hobbs1993min', title: 'Interpretation as abduction', year: 1993, authors: ada, doi: '10.1/IA' });
    const { papers, problems } = merge([full, minimal]);
    assert.deepEqual(papers.map((p) => p.key), ['hobbs1993', 'hobbs1993min']);
    const info = problems.find((p) => p.severity === 'info' && p.line === minimal.origin.line);
    assert.ok(info);
    assert.match(info.message, new RegExp(`Probable duplicate of "hobbs1993" \\(line ${full.origin.line}\\)`));
  });

  it('keeps five unrelated papers sharing one bogus arXiv id apart, with a warning on each later one', () => {
    const titles = ['On computable numbers revisited', 'Cybernetics of the brain', 'Neural nets for spelling', 'Deep belief in graphs', 'Quantum walks on lattices'];
    const drafts = titles.map((title, i) => draft({ key: `m${i}`, title, year: 1950 + 16 * i, arxiv: '1011.1669v3' }, 'mendeley.bib'));
    const { papers, problems } = merge(drafts);
    assert.deepEqual(papers.map((p) => p.key), ['m0', 'm1', 'm2', 'm3', 'm4']);
    assert.equal(problems.filter((p) => p.severity === 'warning' && /arXiv id 1011\.1669 with "m0"/.test(p.message)).length, 4);
  });

  it('never loses a key of a file, whatever identifiers its entries share (property)', () => {
    const entry = fc.record({
      title: fc.constantFrom('Interpretation as Abduction', 'Sparse attention', 'A B C D', ''),
      year: fc.option(fc.constantFrom(1988, 1990, 1993), { nil: undefined }),
      doi: fc.option(fc.constantFrom('10.1/a', '10.1/b'), { nil: undefined }),
      arxiv: fc.option(fc.constantFrom('1011.1669', '2101.00001'), { nil: undefined }),
      family: fc.constantFrom('Hobbs', 'Stickel', ''),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), fc.array(entry, { maxLength: 6 }), fc.constantFrom('k', 'o'), (mine, other, otherKeys) => {
        const toDraft = (e: typeof mine[number], i: number, source: string, key: string) =>
          draft({ key: `${key}${i}`, title: e.title, year: e.year, doi: e.doi, arxiv: e.arxiv, authors: e.family ? [{ family: e.family }] : [] }, source);
        const library = runToEnd(assembleLibrarySteps([
          { papers: mine.map((e, i) => toDraft(e, i, 'mine.bib', 'k')), problems: [] },
          { papers: other.map((e, i) => toDraft(e, i, 'other.bib', otherKeys)), problems: [] },
        ], DEFAULT_TAXONOMY));
        return mine.every((_, i) => resolve(library.papers, `k${i}`) !== undefined);
      }),
      { numRuns: 300 },
    );
  });
});

describe('library: assembleLibrary in steps', () => {
  it('gives the same papers, keys, topics and problems whether run at once or in time slices', async () => {
    const extra = Array.from({ length: 700 }, (_, i) => draft({ title: `Sparse attention for long context number ${i}`, year: 2020 + (i % 5), abstract: i % 2 ? 'KV cache eviction and quantization.' : 'Mixture of experts routing.' }, 'test.bib'));
    const sources = [{ papers: extra, problems: [{ source: 'test.bib', line: 3, severity: 'warning' as const, message: 'x' }] }, corpusDrafts()];
    const whole = runToEnd(assembleLibrarySteps(sources, DEFAULT_TAXONOMY));
    let slices = 0;
    const sliced = await runInSlices(assembleLibrarySteps(sources, DEFAULT_TAXONOMY), 0, () => slices++);
    assert.ok(slices >= 3, `${slices} slices`);
    assert.equal(sliced.papers.length, 775);
    assert.deepEqual(sliced, whole);
    assert.ok(sliced.papers.every((p) => p.topics.length > 0));
  });
});
