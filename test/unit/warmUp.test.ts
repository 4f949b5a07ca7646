import { strict as assert } from 'node:assert';
import type { Paper } from '../../src/core/model';
import { runToEnd } from '../../src/core/slices';
import { WARM_UP_PAPERS, warmUpQueries, warmUpSearch } from '../../src/core/search/warmUp';
import { corpusPapers } from './helpers/corpus';

const paper = (i: number, title: string): Paper => ({ key: `p${i}`, title, abstract: `${title}. We measured it twice.`, authors: [{ family: 'Okafor' }], keywords: [], topics: [], origin: { source: 'gen.bib', kind: 'bibtex' } });

describe('warming up the search', () => {
  it('types the library\'s own title words, a letter at a time, and finds its papers', () => {
    const papers = corpusPapers();
    const queries = warmUpQueries(papers);
    assert.ok(queries.length >= 4, queries.join(' | '));
    const steps = warmUpSearch(papers);
    let yielded = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yielded++;
    const { searches, found } = step.value;
    assert.equal(searches, queries.reduce((n, q) => n + q.length, 0), 'one search per letter typed');
    assert.ok(yielded >= searches, 'a search per step at most');
    assert.ok(found >= searches * 0.8, `${found} of ${searches} searches found papers`);
  });

  it('serves a library from any field, and includes a query with a typo', () => {
    const titles = ['Coral bleaching thresholds on shallow reefs', 'Sediment transport in braided rivers', 'Medieval charters of northern monasteries', 'Pricing options under stochastic volatility'];
    const papers = titles.map((t, i) => paper(i, t));
    const queries = warmUpQueries(papers);
    assert.ok(queries.includes('coral bleaching thresholds'), queries.join(' | '));
    assert.ok(queries.some((q) => !titles.some((t) => t.toLowerCase().includes(q)) && q.length > 6), 'one query is a title\'s words with a letter left out');
    const { searches, found } = runToEnd(warmUpSearch(papers));
    assert.ok(searches > 0 && found >= searches * 0.8, `${found} of ${searches}`);
  });

  it('indexes a sample spread over a large library, and does nothing for an empty one', () => {
    assert.deepStrictEqual(runToEnd(warmUpSearch([])), { indexed: 0, searches: 0, found: 0 });
    const many = Array.from({ length: WARM_UP_PAPERS * 3 + 7 }, (_, i) => paper(i, `Study ${i} of tidal marshes`));
    const { indexed, searches, found } = runToEnd(warmUpSearch(many));
    assert.equal(indexed, WARM_UP_PAPERS);
    assert.ok(searches > 0 && found >= searches * 0.8, `${found} of ${searches}`);
  });
});
