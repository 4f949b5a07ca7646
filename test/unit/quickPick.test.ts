import { strict as assert } from 'node:assert';
import { MAX_PICK_ITEMS, pickResults, resultsLook } from '../../src/core/search/quickPick';
import { SearchIndex } from '../../src/core/search/searchIndex';
import { runToEnd } from '../../src/core/slices';
import { corpusPapers } from './helpers/corpus';

describe('quick pick results', () => {
  const papers = corpusPapers();
  const index = runToEnd(SearchIndex.build(papers));

  it('lists at most MAX_PICK_ITEMS papers, each with the snippet it matched in', () => {
    const results = pickResults(index, 'model');
    assert.ok(results.length > 0 && results.length <= MAX_PICK_ITEMS);
    assert.ok(results.some((r) => r.detail && /model/i.test(r.detail)));
  });

  it('looks the same for two queries with the same results, so the second sends nothing', () => {
    // Typing on inside a word often leaves the results as they were.
    const typed = ['spars', 'sparse', 'sparsi', 'sparsit', 'sparsity'].map((q) => resultsLook(pickResults(index, q)));
    const repeats = typed.filter((look, i) => i > 0 && look === typed[i - 1]).length;
    assert.ok(repeats > 0, 'some key leaves the results unchanged');
    assert.equal(resultsLook(pickResults(index, 'sparsity')), typed[typed.length - 1]);
  });

  it('looks different when the order, a paper or a snippet differs', () => {
    const [a, b] = papers;
    const base = resultsLook([{ paper: a, detail: 'x' }, { paper: b }]);
    assert.notEqual(resultsLook([{ paper: b }, { paper: a, detail: 'x' }]), base);
    assert.notEqual(resultsLook([{ paper: a, detail: 'y' }, { paper: b }]), base);
    assert.notEqual(resultsLook([{ paper: a, detail: 'x' }]), base);
    // A snippet cannot run into the next key and make two lists look alike.
    assert.notEqual(resultsLook([{ paper: a, detail: `x${b.key}` }]), resultsLook([{ paper: a, detail: 'x' }, { paper: b }]));
    assert.equal(resultsLook([{ paper: a, detail: 'x' }, { paper: b }]), base);
  });
});
