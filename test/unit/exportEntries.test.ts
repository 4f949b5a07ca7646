import { strict as assert } from 'node:assert';
import { exportBibtex, exportCslJson } from '../../src/core/citations/exportEntries';
import type { Paper } from '../../src/core/model';
import { runToEnd } from '../../src/core/slices';
import { parseBibtexSteps } from '../../src/core/sources/bibtex';
import { parseCslJson } from '../../src/core/sources/cslJson';

const BIB = [
  '@string{icml = {International Conference on Machine Learning}}',
  '',
  '% a comment between entries',
  '@inproceedings{kept2023,',
  '  title     = {Kept {As} Written},',
  '  author    = {Doe, Jane and Roe, Rick},',
  '  booktitle = icml,',
  '  year      = 2023',
  '}',
  '',
  '@article{other2020, title = {Not Cited}, author = {X, Y}, year = {2020}}',
  '',
].join('\n');

function paper(overrides: Partial<Paper>): Paper {
  return { key: 'k', title: 'T', authors: [], keywords: [], topics: [], origin: { source: 'x', kind: 'corpus' }, ...overrides };
}

describe('exporting cited entries', () => {
  it('copies BibTeX entries as written, with their @string macros, and renders papers from other sources', () => {
    const parsed = runToEnd(parseBibtexSteps(BIB, 'refs.bib')).papers.find((p) => p.key === 'kept2023');
    assert.ok(parsed);
    const kept = { ...parsed, key: 'kept2023', topics: [] } as Paper;
    const rendered = paper({ key: 'rendered2024', title: 'Rendered Here', authors: [{ family: 'Lee', given: 'Ann' }], year: 2024 });
    const out = exportBibtex([kept, rendered], (source) => (source === 'refs.bib' ? BIB : undefined));
    assert.ok(out.startsWith('@string{icml = {International Conference on Machine Learning}}'));
    assert.ok(out.includes(BIB.split('\n').slice(3, 9).join('\n')), 'the cited entry, byte for byte');
    assert.ok(!out.includes('other2020'), 'only cited entries');
    assert.match(out, /@\w+\{rendered2024,/);
    // Independent check: the export parses back to the same two keys and titles.
    const back = runToEnd(parseBibtexSteps(out, 'export.bib'));
    assert.deepEqual(back.papers.map((p) => [p.key, p.title]), [['kept2023', 'Kept As Written'], ['rendered2024', 'Rendered Here']]);
    assert.equal(back.papers[0].venue, 'International Conference on Machine Learning');
  });

  it('renders a BibTeX paper whose file can no longer be read', () => {
    const kept = paper({ key: 'gone2020', title: 'Gone', origin: { source: 'gone.bib', kind: 'bibtex', line: 1 } });
    assert.match(exportBibtex([kept], () => undefined), /@\w+\{gone2020,/);
  });

  it('writes CSL-JSON that reads back', () => {
    const papers = [paper({ key: 'a2020', title: 'A Title', authors: [{ family: 'Doe', given: 'Jane' }, { family: 'ACME Lab' }], year: 2020, venue: 'Venue', doi: '10.1/x', type: 'inproceedings' })];
    const back = parseCslJson(exportCslJson(papers), 'out.json');
    assert.deepEqual(back.problems, []);
    assert.equal(back.papers[0].key, 'a2020');
    assert.equal(back.papers[0].title, 'A Title');
    assert.deepEqual(back.papers[0].authors.map((a) => a.family), ['Doe', 'ACME Lab']);
    assert.equal(back.papers[0].year, 2020);
    assert.equal(back.papers[0].doi, '10.1/x');
  });
});
