import { strict as assert } from 'node:assert';
import type { Paper } from '../../src/core/model';
import { compoundTableSteps, forEachCompound } from '../../src/core/search/compounds';
import { proximityOf, type Proximity } from '../../src/core/search/proximity';

function compounds(terms: string[], word: string): string[] {
  const found: string[] = [];
  forEachCompound(terms, word, (term, id) => {
    assert.equal(terms[id], term, 'the id is the term\'s number');
    found.push(term);
  });
  return found.sort();
}

describe('search: closed compounds', () => {
  it('the table built in steps (a merge sort over many runs) finds what a search over every word finds', () => {
    // 30,000 made-up long words, so the sort merges runs several times over; plus words that must not count.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const word = (n: number) => Array.from({ length: 8 + (n % 5) }, (_, i) => letters[(n * 7 + i * 13 + (n >> i)) % 26]).join('');
    const many = [...new Set(Array.from({ length: 30000 }, (_, n) => word(n)))].concat(['gpt4xyzabc', 'short', 'x-rayimaging']);
    const steps = compoundTableSteps(many, 'step');
    let count = 0;
    while (!steps.next().done) count++;
    assert.ok(count > 10, `built in ${count} steps`);
    for (const query of ['abcd', many[5].slice(-4), many[777].slice(-5), many[12345].slice(-6), 'zzzz']) {
      const expected = many.filter((t) => /^[a-z]+$/.test(t) && t.length >= query.length + 3 && t.endsWith(query)).sort();
      const found = compounds(many, query);
      // At most 32 per word: those found are the first 32 of the expected ones read backwards, all of them when fewer.
      assert.ok(found.every((t) => expected.includes(t)), query);
      assert.equal(found.length, Math.min(32, expected.length), query);
    }
  });


  const terms = ['phone', 'smartphone', 'phones', 'telephone', 'headphones', 'microplastics', 'plastics', 'finetuning', 'tuning', 'retuning', 'gpt4', 'iphone'];

  it('finds the words that end with the query word after three or more letters', () => {
    assert.deepEqual(compounds(terms, 'phone'), ['smartphone', 'telephone']);
    assert.deepEqual(compounds(terms, 'plastics'), ['microplastics']);
    assert.deepEqual(compounds(terms, 'tuning'), ['finetuning']); // "re" is too short a head for "retuning"
  });

  it('leaves out forms, short heads, short query words and words with digits', () => {
    assert.deepEqual(compounds(terms, 'phones'), ['headphones']); // "phones" itself is not its own compound
    assert.deepEqual(compounds(['iphone', 'phone'], 'phone'), []); // "i" is too short a head
    assert.deepEqual(compounds(terms, 'one'), []); // three letters find nothing
    assert.deepEqual(compounds(['xgpt4'], 'gpt4'), []);
  });

  it('a word no term ends with finds nothing, in an empty list too', () => {
    assert.deepEqual(compounds(terms, 'zebra'), []);
    assert.deepEqual(compounds([], 'phone'), []);
  });
});

describe('search: a compound next to the word before it counts as adjacent', () => {
  const paper = (title: string): Paper => ({ key: 'k', title, authors: [], keywords: [], topics: [], origin: { source: 'c.bib', kind: 'bibtex' } });
  const sparseTuning = proximityOf(['sparse', 'tuning']) as Proximity;

  it('"sparse finetuning" is adjacent for "sparse tuning", but not the phrase as typed', () => {
    assert.equal(sparseTuning.pairs(paper('Sparse Finetuning for Inference Acceleration')), 1);
    assert.equal(sparseTuning.phrase(paper('Sparse Finetuning for Inference Acceleration')), false);
    assert.equal(sparseTuning.phrase(paper('Sparse tuning at scale')), true);
  });

  it('a short head or a word in between of five letters or more breaks it', () => {
    assert.equal(sparseTuning.pairs(paper('Sparse retuning')), 0);
    assert.equal(sparseTuning.pairs(paper('Sparse models need finetuning')), 0);
  });
});
