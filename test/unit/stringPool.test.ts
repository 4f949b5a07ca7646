import * as assert from 'node:assert/strict';
import { StringPool } from '../../src/core/stringPool';
import type { DraftPaper } from '../../src/core/model';

describe('StringPool', () => {
  const paper = (i: number): DraftPaper => ({
    title: `Paper ${i}`, abstract: 'x'.repeat(300), type: 'article', venue: 'Journal of Things', publisher: 'ACM',
    authors: [{ family: 'Smith', given: 'Ann' }, { family: `Author${i}` }], editors: [{ family: 'Editor', given: 'E.' }],
    keywords: ['coral', `k${i}`], statedTopics: ['Reading list'], topics: ['pruning'], origin: { source: 'file:///lib.bib', kind: 'bibtex', line: i },
  });

  it('leaves every value as it was', () => {
    const strings = new StringPool();
    const papers = Array.from({ length: 50 }, (_, i) => paper(i));
    const before = JSON.parse(JSON.stringify(papers));
    for (const p of papers) strings.paper(p);
    assert.deepEqual(papers, before);
  });

  it('holds at most 60,000 strings, so it never grows past a rehash of 65,536, and still gives each back', () => {
    const strings = new StringPool();
    for (let i = 0; i < 70_000; i++) assert.equal(strings.one(`name ${i}`), `name ${i}`);
    assert.equal((strings as unknown as { known: Map<string, string> }).known.size, 60_000);
    assert.equal(strings.one('name 5'), 'name 5');
    assert.equal(strings.one('name 69999'), 'name 69999');
  });
});
