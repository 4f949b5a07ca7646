import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bibliographyBlock, bibliographyEdit, commentSyntaxFor, findBibliographyBlock } from '../../src/core/csl/bibliographyBlock';
import { cslType, paperToCslItem } from '../../src/core/csl/cslItem';
import { isStyleFile, localeFor, SHIPPED_LOCALES, SHIPPED_STYLES, shippedStyle } from '../../src/core/csl/styles';
import type { Paper } from '../../src/core/model';

const paper = (fields: Partial<Paper>): Paper => ({ key: 'k', title: 'T', authors: [], keywords: [], topics: [], origin: { source: 's', kind: 'corpus' }, ...fields });

describe('bibliography block', () => {
  const entries = ['A. (2020). One.', 'B. (2021). Two.'];

  it('goes in at the cursor on lines of its own, between markers', () => {
    const text = 'Intro [@a].\nMore text';
    const at = text.indexOf('\nMore');
    const edit = bibliographyEdit(text, at, entries, 'html', 'apa');
    const result = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    assert.equal(result, 'Intro [@a].\n\n<!-- litnotes-bibliography (apa): updated by "LitNotes: Insert Bibliography" -->\n\nA. (2020). One.\n\nB. (2021). Two.\n\n<!-- /litnotes-bibliography -->\n\nMore text');
  });

  it('a second run replaces the block wherever the cursor is, and nothing else', () => {
    const first = `Top\n\n${bibliographyBlock(['Old.'], 'html', 'apa')}\n\nBottom [@b]\n`;
    const edit = bibliographyEdit(first, 0, entries, 'html', 'ieee');
    const result = first.slice(0, edit.start) + edit.text + first.slice(edit.end);
    assert.ok(result.startsWith('Top\n\n<!-- litnotes-bibliography (ieee)'));
    assert.ok(result.endsWith('<!-- /litnotes-bibliography -->\n\nBottom [@b]\n'));
    assert.ok(!result.includes('Old.'));
    assert.equal(result.split('litnotes-bibliography (').length, 2);
  });

  it('uses the comment syntax of LaTeX and Typst, and finds those blocks again', () => {
    assert.equal(commentSyntaxFor('latex'), 'latex');
    assert.equal(commentSyntaxFor('typst'), 'typst');
    assert.equal(commentSyntaxFor('markdown'), 'html');
    for (const syntax of ['latex', 'typst', 'html'] as const) {
      const block = bibliographyBlock(entries, syntax, 'apa');
      const text = `before\n${block}\nafter`;
      assert.deepEqual(findBibliographyBlock(text), { start: 7, end: 7 + block.length }, syntax);
    }
    assert.match(bibliographyBlock(entries, 'latex', 'apa'), /^% litnotes-bibliography \(apa\)[^\n]*\n[\s\S]*\n% \/litnotes-bibliography$/);
  });

  it('an unclosed start marker is no block: a new one is inserted', () => {
    assert.equal(findBibliographyBlock('<!-- litnotes-bibliography (apa) -->\nno end'), undefined);
  });

  it('a style path cannot close the comment early', () => {
    assert.ok(!bibliographyBlock(['x'], 'html', 'my-->style.csl').split('\n')[0].slice(0, -3).includes('-->'));
  });
});

describe('paper → CSL item', () => {
  it('an arXiv paper with no venue but arXiv is a preprint published by arXiv', () => {
    const item = paperToCslItem(paper({ arxiv: '2301.00774', venue: 'arXiv preprint arXiv:2301.00774', type: 'article', year: 2023 }));
    assert.deepEqual([item.type, item.publisher, item.number, item.URL, item['container-title']], ['article', 'arXiv', 'arXiv:2301.00774', 'https://arxiv.org/abs/2301.00774', undefined]);
  });

  it('a paper with a conference venue and an arXiv id is a conference paper; a journal venue an article', () => {
    assert.equal(cslType({ venue: 'NeurIPS 2023', arxiv: '2305.14314' }), 'paper-conference');
    assert.equal(cslType({ venue: 'Transactions on Machine Learning Research' }), 'article-journal');
    assert.equal(paperToCslItem(paper({ venue: 'ICLR 2024', arxiv: '2305.14314' })).number, undefined);
  });

  it('a book keeps its publisher and has no container; names without a given part stay whole', () => {
    const item = paperToCslItem(paper({ type: 'book', venue: 'Computers & Typesetting', publisher: 'Addison-Wesley', authors: [{ family: 'ACME Lab' }, { family: 'Knuth', given: 'Donald E.' }] }));
    assert.equal(item['container-title'], undefined);
    assert.equal(item.publisher, 'Addison-Wesley');
    assert.deepEqual(item.author, [{ literal: 'ACME Lab' }, { family: 'Knuth', given: 'Donald E.' }]);
  });

  it('a thesis says which kind in words', () => {
    assert.equal(paperToCslItem(paper({ type: 'thesis', genre: 'phdthesis', publisher: 'Uppsala Universitet' })).genre, 'Doctoral dissertation');
    assert.equal(paperToCslItem(paper({ type: 'mastersthesis', venue: 'MIT' })).genre, "Master's thesis");
  });
});

describe('shipped CSL styles and locales', () => {
  const dir = join(process.cwd(), 'media', 'csl');

  it('every shipped style and locale is on disk, valid-looking, and named in media/csl/README.md', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const { id } of SHIPPED_STYLES) {
      const xml = readFileSync(join(dir, 'styles', `${id}.csl`), 'utf8');
      assert.match(xml, /<bibliography[\s>]/, id);
      assert.match(xml, /creativecommons\.org\/licenses\/by-sa\/3\.0/, `${id} states its licence`);
      assert.ok(readme.includes(`styles/${id}.csl`), `${id} in the README`);
    }
    for (const locale of SHIPPED_LOCALES) assert.ok(existsSync(join(dir, 'locales', `locales-${locale}.xml`)), locale);
  });

  it('names styles by id, alias or Zotero URL, and tells style files apart', () => {
    assert.equal(shippedStyle('ACM')?.id, 'association-for-computing-machinery');
    assert.equal(shippedStyle('harvard')?.id, 'harvard-cite-them-right');
    assert.equal(shippedStyle('http://www.zotero.org/styles/chicago-author-date')?.id, 'chicago-author-date');
    assert.equal(shippedStyle('ieee.csl')?.id, 'ieee');
    assert.equal(shippedStyle('my-journal'), undefined);
    assert.ok(isStyleFile('styles/my-journal.csl'));
    assert.ok(isStyleFile('C:\\styles\\x.csl'));
    assert.ok(!isStyleFile('apa'));
  });

  it('picks the locale of the display language, else en-US', () => {
    assert.equal(localeFor('de'), 'de-DE');
    assert.equal(localeFor('fr-ca'), 'fr-FR');
    assert.equal(localeFor('nl'), 'nl-NL');
    assert.equal(localeFor('en-gb'), 'en-US');
    assert.equal(localeFor('ja'), 'en-US');
  });
});
