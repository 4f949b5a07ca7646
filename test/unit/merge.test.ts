import { strict as assert } from 'node:assert';
import { assembleLibrarySteps } from '../../src/core/library/library';
import { mergeDuplicates } from '../../src/core/library/merge';
import { runInSlices, runToEnd } from '../../src/core/slices';
import { DEFAULT_TAXONOMY } from '../../src/core/topics/taxonomy';
import type { DraftPaper } from '../../src/core/model';
import { corpusDrafts } from './helpers/corpus';

let line = 0;
function draft(fields: Partial<DraftPaper> & { title: string }): DraftPaper {
  return {
    authors: [],
    keywords: [],
    origin: { source: 'test.bib', kind: 'bibtex', line: ++line },
    ...fields,
  };
}

describe('merge: mergeDuplicates', () => {
  it('merges papers with the same key', () => {
    const out = mergeDuplicates([
      draft({ key: 'frantar2023sparsegpt', title: 'SparseGPT' }),
      draft({ key: 'frantar2023sparsegpt', title: 'Completely different title', year: 2023 }),
    ]);
    assert.equal(out.length, 1);
    assert.equal(out[0].title, 'SparseGPT');
    assert.equal(out[0].year, 2023);
  });

  it('merges papers with the same DOI, ignoring case and a resolver URL prefix', () => {
    const out = mergeDuplicates([
      draft({ title: 'Paper one title here', doi: '10.1000/ABC.123' }),
      draft({ title: 'Another title entirely', doi: 'https://doi.org/10.1000/abc.123', venue: 'NeurIPS' }),
      draft({ title: 'Third title for the doi', doi: 'http://dx.doi.org/10.1000/Abc.123', url: 'https://example.org/p' }),
    ]);
    assert.equal(out.length, 1);
    assert.equal(out[0].title, 'Paper one title here');
    assert.equal(out[0].venue, 'NeurIPS');
    assert.equal(out[0].url, 'https://example.org/p');
    assert.equal(out[0].doi, '10.1000/ABC.123');
  });

  it('merges papers with the same arXiv id, ignoring the version suffix and case', () => {
    const out = mergeDuplicates([
      draft({ title: 'First arxiv title x', arxiv: '2301.00774v3' }),
      draft({ title: 'Second arxiv title y', arxiv: '2301.00774', year: 2023 }),
      draft({ title: 'Third arxiv title z', arxiv: '2301.00774V1', venue: 'ICML' }),
    ]);
    assert.equal(out.length, 1);
    assert.equal(out[0].arxiv, '2301.00774v3');
    assert.equal(out[0].year, 2023);
    assert.equal(out[0].venue, 'ICML');
  });

  it('merges papers whose titles normalize alike (case, accents, punctuation)', () => {
    const out = mergeDuplicates([
      draft({ title: 'SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot', key: 'a' }),
      draft({ title: 'sparsegpt   massive language models can be accurately pruned in one shot!', key: 'b' }),
    ]);
    assert.equal(out.length, 1);
    assert.equal(out[0].key, 'a');
    const accents = mergeDuplicates([draft({ title: 'Über sparse Café models' }), draft({ title: 'uber SPARSE cafe models' })]);
    assert.equal(accents.length, 1);
  });

  it('does not merge on very short titles', () => {
    const out = mergeDuplicates([draft({ title: 'Attention' }), draft({ title: 'attention' })]);
    assert.equal(out.length, 2);
  });

  it('joins a chain: a later paper sharing an id gathered from an earlier duplicate', () => {
    const out = mergeDuplicates([
      draft({ key: 'k1', title: 'Chain paper title one' }),
      draft({ key: 'k1', title: 'Chain paper title two', doi: '10.1/chain' }),
      draft({ title: 'Chain paper title three', doi: '10.1/CHAIN', year: 2020 }),
    ]);
    assert.equal(out.length, 1);
    assert.equal(out[0].doi, '10.1/chain');
    assert.equal(out[0].year, 2020);
  });

  it('gives the first paper precedence, fills gaps from later ones, unions keywords', () => {
    const first = draft({
      key: 'x2020first',
      title: 'Precedence Test Paper Title',
      authors: [{ family: 'First', given: 'A.' }],
      year: 2020,
      keywords: ['Pruning', 'sparsity'],
      origin: { source: 'first.bib', kind: 'bibtex', line: 3 },
    });
    const second = draft({
      key: 'y2021second',
      title: 'precedence test paper title',
      authors: [{ family: 'Second' }],
      year: 2021,
      venue: 'ICLR',
      abstract: 'An abstract.',
      keywords: ['pruning', 'LLM'],
      statedTopics: ['pruning'],
      origin: { source: 'second.json', kind: 'csl-json' },
    });
    const out = mergeDuplicates([first, second]);
    assert.equal(out.length, 1);
    const m = out[0];
    assert.equal(m.key, 'x2020first');
    assert.equal(m.title, 'Precedence Test Paper Title');
    assert.deepEqual(m.authors, [{ family: 'First', given: 'A.' }]);
    assert.equal(m.year, 2020);
    assert.equal(m.venue, 'ICLR');
    assert.equal(m.abstract, 'An abstract.');
    assert.deepEqual(m.keywords, ['Pruning', 'sparsity', 'LLM']);
    assert.deepEqual(m.statedTopics, ['pruning']);
    assert.equal(m.origin.source, 'first.bib');
    // The inputs are not changed.
    assert.deepEqual(first.keywords, ['Pruning', 'sparsity']);
    assert.equal(first.venue, undefined);
  });

  it('fills a missing key, and its generated flag, from a later duplicate', () => {
    const out = mergeDuplicates([
      draft({ title: 'A paper without a key', doi: '10.5/k' }),
      draft({ key: 'src2020key', title: 'whatever', doi: '10.5/K', generatedKey: false }),
    ]);
    assert.equal(out.length, 1);
    assert.equal(out[0].key, 'src2020key');
    assert.equal(out[0].generatedKey, false);
  });

  it('fills missing authors from a later duplicate', () => {
    const out = mergeDuplicates([
      draft({ title: 'Authors fill in test', arxiv: '1234.5678' }),
      draft({ title: 'Authors fill in test', authors: [{ family: 'Later' }] }),
    ]);
    assert.deepEqual(out[0].authors, [{ family: 'Later' }]);
  });

  it('leaves distinct papers untouched and in order', () => {
    const input = [
      draft({ key: 'a', title: 'Sparse attention for everyone', doi: '10.1/a', arxiv: '2001.00001' }),
      draft({ key: 'b', title: 'Dense attention for nobody', doi: '10.1/b', arxiv: '2001.00002' }),
      draft({ title: 'Quantization of large models', keywords: ['q'] }),
    ];
    const snapshot = structuredClone(input);
    const out = mergeDuplicates(input);
    assert.deepEqual(out, snapshot);
    assert.deepEqual(input, snapshot);
  });

  it('keeps all 75 embedded corpus papers apart, and merges a second copy away', () => {
    const once = mergeDuplicates(corpusDrafts().papers);
    assert.equal(once.length, 75);
    const twice = mergeDuplicates([...corpusDrafts().papers, ...corpusDrafts().papers]);
    assert.equal(twice.length, 75);
  });
});

describe('library: assembleLibrary in steps', () => {
  it('gives the same papers, keys, topics and problems whether run at once or in time slices', async () => {
    const extra = Array.from({ length: 700 }, (_, i) => draft({ title: `Sparse attention for long context number ${i}`, year: 2020 + (i % 5), abstract: i % 2 ? 'KV cache eviction and quantization.' : 'Mixture of experts routing.' }));
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
