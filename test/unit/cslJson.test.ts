import * as assert from 'node:assert/strict';
import { parseCslJson } from '../../src/core/sources/cslJson';

const SRC = 'export.json';

describe('parseCslJson', () => {
  it('maps a Zotero / Better BibTeX item to a draft paper', () => {
    const text = JSON.stringify(
      [
        {
          id: 'http://zotero.org/users/1/items/ABC',
          'citation-key': 'vaswani2017',
          type: 'paper-conference',
          title: 'Attention Is <i>All</i> You Need',
          author: [{ family: 'Vaswani', given: 'Ashish' }, { literal: 'Google Brain' }],
          issued: { 'date-parts': [['2017', 6]] },
          'container-title': 'NeurIPS',
          abstract: 'The dominant models...',
          DOI: '10.48550/arXiv.1706.03762',
          URL: 'https://example.org',
          keyword: 'attention; transformers, nlp',
        },
      ],
      null,
      2,
    );
    const { papers, problems } = parseCslJson(text, SRC);
    assert.deepEqual(problems, []);
    assert.deepEqual(papers, [
      {
        key: 'vaswani2017',
        title: 'Attention Is All You Need',
        authors: [{ family: 'Vaswani', given: 'Ashish' }, { family: 'Google Brain' }],
        year: 2017,
        venue: 'NeurIPS',
        abstract: 'The dominant models...',
        doi: '10.48550/arXiv.1706.03762',
        url: 'https://example.org',
        keywords: ['attention', 'transformers', 'nlp'],
        type: 'paper-conference',
        arxiv: '1706.03762',
        origin: { source: SRC, kind: 'csl-json', line: 2 },
      },
    ]);
  });

  it('reads years from raw and literal dates, and uses id when there is no citation-key', () => {
    const text = JSON.stringify([
      { id: 'a', title: 'A', issued: { raw: 'March 2019' } },
      { id: 7, title: 'B', issued: { literal: 'circa 1850' } },
    ]);
    const { papers } = parseCslJson(text, SRC);
    assert.deepEqual(papers.map((p) => [p.key, p.year]), [['a', 2019], ['7', 1850]]);
  });

  it('reports text that is not JSON, with its line, and reads nothing', () => {
    const { papers, problems } = parseCslJson('[\n  {"id": "a",\n  "title": }\n]', SRC);
    assert.deepEqual(papers, []);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'error');
    assert.match(problems[0].message, /Not valid JSON/);
    assert.equal(problems[0].line, 3);
  });

  it('reports JSON that is not an array', () => {
    for (const text of ['{"id": "a", "title": "A"}', '"text"', '42', 'null']) {
      const { papers, problems } = parseCslJson(text, SRC);
      assert.deepEqual(papers, []);
      assert.equal(problems.length, 1, text);
      assert.match(problems[0].message, /array/);
    }
  });

  it('skips items that are not objects, with their line, and keeps the good ones', () => {
    const text = '[\n  {"id": "a", "title": "A"},\n  42,\n  null,\n  {"id": "b", "title": "B"}\n]';
    const { papers, problems } = parseCslJson(text, SRC);
    assert.deepEqual(papers.map((p) => [p.key, p.origin.line]), [['a', 2], ['b', 5]]);
    assert.deepEqual(problems.map((p) => [p.severity, p.line]), [['error', 3], ['error', 4]]);
  });

  it('ignores fields of the wrong type with a warning and keeps the item', () => {
    const text = JSON.stringify([
      {
        id: 'w',
        title: 'Wrong types',
        author: 'Ann Smith',
        issued: true,
        'container-title': { name: 'x' },
        keyword: 5,
        DOI: ['10.1/x'],
      },
    ]);
    const { papers, problems } = parseCslJson(text, SRC);
    assert.equal(papers.length, 1);
    assert.deepEqual(papers[0].authors, []);
    assert.equal(papers[0].year, undefined);
    assert.equal(papers[0].venue, undefined);
    assert.ok(problems.length >= 4);
    assert.ok(problems.every((p) => p.severity === 'warning'));
  });

  it('skips an item with neither id nor title; warns for a missing title', () => {
    const { papers, problems } = parseCslJson('[{"type": "book"}, {"id": "t"}]', SRC);
    assert.deepEqual(papers.map((p) => p.key), ['t']);
    assert.deepEqual(problems.map((p) => p.severity), ['error', 'warning']);
  });

  it('reads an empty file or empty array as nothing, and a BOM is fine', () => {
    assert.deepEqual(parseCslJson('', SRC), { papers: [], problems: [] });
    assert.deepEqual(parseCslJson('[]', SRC), { papers: [], problems: [] });
    assert.equal(parseCslJson('\uFEFF[{"id": "a", "title": "A"}]', SRC).papers.length, 1);
  });
});
