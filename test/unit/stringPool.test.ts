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
});
