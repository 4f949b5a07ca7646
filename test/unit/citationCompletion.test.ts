import { strict as assert } from 'node:assert';
import { boundedEditDistance, closestKeys, keyWords, nearKeys } from '../../src/core/citations/closestKeys';
import { completionSpot } from '../../src/core/citations/completionSpot';
import type { CitationSyntax } from '../../src/core/citations/types';

/** `|` marks the cursor; returns the spot's query, the replaced text and the prefix, or undefined. */
function at(marked: string, syntax: CitationSyntax) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const spot = completionSpot(text, offset, syntax);
  return spot && { query: spot.query, replaced: text.slice(spot.start, spot.end), prefix: spot.prefix };
}

describe('completion spot: where a key is being typed', () => {
  const table: Array<[string, CitationSyntax, { query: string; replaced: string; prefix: string } | undefined]> = [
    ['See @|', 'pandoc', { query: '', replaced: '', prefix: '' }],
    ['See [@fran|', 'pandoc', { query: 'fran', replaced: 'fran', prefix: '' }],
    ['See [@fran|tar2023] x', 'pandoc', { query: 'fran', replaced: 'frantar2023', prefix: '' }],
    ['See [@sparse gpt|', 'pandoc', { query: 'sparse gpt', replaced: 'sparse gpt', prefix: '' }],
    ['See [-@hu|', 'pandoc', { query: 'hu', replaced: 'hu', prefix: '' }],
    ['See [@a;|', 'pandoc', { query: '', replaced: '', prefix: ' @' }],
    ['See [@a; |', 'pandoc', { query: '', replaced: '', prefix: '@' }],
    ['See @sparse gpt|', 'pandoc', undefined],
    ['[@a, p. 3|', 'pandoc', undefined],
    ['me@exa|', 'pandoc', undefined],
    ['`@a|`', 'pandoc', undefined],
    ['```\n@a|\n```', 'pandoc', undefined],
    ['\\cite{|', 'latex', { query: '', replaced: '', prefix: '' }],
    ['\\citep[see]{a, fra|}', 'latex', { query: 'fra', replaced: 'fra', prefix: '' }],
    ['\\cites{a}[p]{b,|', 'latex', { query: '', replaced: '', prefix: '' }],
    ['\\textbf{fra|', 'latex', undefined],
    ['% \\cite{fra|', 'latex', undefined],
    ['see @hu|', 'typst', { query: 'hu', replaced: 'hu', prefix: '' }],
    ['#cite(<da|>)', 'typst', { query: 'da', replaced: 'da', prefix: '' }],
    ['// @hu|', 'typst', undefined],
    ['#import "@pre|', 'typst', undefined],
  ];
  for (const [marked, syntax, expected] of table) {
    it(`${syntax} ${JSON.stringify(marked)}`, () => assert.deepEqual(at(marked, syntax), expected));
  }
});

describe('closest keys', () => {
  it('measures edit distance and stops past the bound', () => {
    assert.equal(boundedEditDistance('kitten', 'sitting', 5), 3);
    assert.equal(boundedEditDistance('abc', 'abc', 1), 0);
    assert.equal(boundedEditDistance('abcdef', 'zzzzzz', 2), 3);
  });

  it('offers near misses nearest first, never the key itself', () => {
    const keys = ['frantar2023sparsegpt', 'frantar2022gptq', 'hu2021lora', 'frantar2023sparsegp'];
    assert.deepEqual(nearKeys('frantar2023sparsgpt', keys), ['frantar2023sparsegpt', 'frantar2023sparsegp']);
    assert.deepEqual(nearKeys('hu2021lora', keys), []);
  });

  it('splits a key into search words', () => {
    assert.equal(keyWords('frantar2023sparsegpt'), 'frantar 2023 sparsegpt');
    assert.equal(keyWords('Smith_EtAl:2020'), 'Smith Et Al 2020');
  });

  it('adds search hits for the key words after the near misses', () => {
    const asked: string[] = [];
    const found = closestKeys('sparsegpt2023', ['frantar2023sparsegpt', 'sparsegpt2022'], (q) => {
      asked.push(q);
      return ['frantar2023sparsegpt', 'sparsegpt2022'];
    });
    assert.deepEqual(asked, ['sparsegpt 2023']);
    assert.deepEqual(found, ['sparsegpt2022', 'frantar2023sparsegpt']);
  });
});
