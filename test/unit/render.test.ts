import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { readFrontMatter } from '../../src/core/frontMatter';
import type { Paper } from '../../src/core/model';
import { toBibtex } from '../../src/core/render/bibtex';
import { DEFAULT_CITATION_FORMATS, formatForLanguage, renderCitation } from '../../src/core/render/citations';
import { DEFAULT_NOTE_TEMPLATE, noteFrontMatter, renderNoteStub } from '../../src/core/render/noteStub';
import { renderTemplate, templateError } from '../../src/core/render/templates';
import { authorsFull, authorsShort, paperLink, paperView } from '../../src/core/render/views';
import { parseBibtexSteps } from '../../src/core/sources/bibtex';
import { runToEnd } from '../../src/core/slices';
import { corpusPapers } from './helpers/corpus';

function fixture(overrides: Partial<Paper> = {}): Paper {
  return {
    key: 'frantar2023sparsegpt',
    title: 'SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot',
    authors: [{ family: 'Frantar', given: 'Elias' }, { family: 'Alistarh', given: 'Dan' }],
    year: 2023,
    venue: 'ICML',
    abstract: 'We show for the first time that large-scale generative pretrained transformer models can be pruned to at least 50% sparsity in one-shot.',
    arxiv: '2301.00774',
    keywords: ['pruning', 'one-shot'],
    topics: ['pruning', 'compression'],
    origin: { source: 'refs.bib', kind: 'bibtex', line: 1 },
    ...overrides,
  };
}

const second = fixture({
  key: 'ashkboos2024slicegpt',
  title: 'SliceGPT: Compress Large Language Models by Deleting Rows and Columns',
  authors: [{ family: 'Ashkboos', given: 'Saleh' }, { family: 'Croci', given: 'Maximilian L.' }, { family: 'Hensman', given: 'James' }],
  year: 2024,
  venue: undefined,
  arxiv: undefined,
  url: 'https://example.org/slicegpt',
});

const CREATED = new Date('2025-03-04T10:00:00Z');

describe('render: citations with the default formats', () => {
  it('pandoc: [@a; @b]', () => {
    assert.equal(renderCitation([fixture(), second], DEFAULT_CITATION_FORMATS.pandoc), '[@frantar2023sparsegpt; @ashkboos2024slicegpt]');
    assert.equal(renderCitation([fixture()], DEFAULT_CITATION_FORMATS.pandoc), '[@frantar2023sparsegpt]');
  });

  it('latex: \\cite{a,b}, with the set-delimiter template', () => {
    assert.ok(DEFAULT_CITATION_FORMATS.latex.startsWith('{{=<% %>=}}'));
    assert.equal(renderCitation([fixture(), second], DEFAULT_CITATION_FORMATS.latex), '\\cite{frantar2023sparsegpt,ashkboos2024slicegpt}');
    assert.equal(renderCitation([fixture()], DEFAULT_CITATION_FORMATS.latex), '\\cite{frantar2023sparsegpt}');
  });

  it('markdownLink: [title](best link), comma separated', () => {
    assert.equal(
      renderCitation([fixture(), second], DEFAULT_CITATION_FORMATS.markdownLink),
      '[SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot](https://arxiv.org/abs/2301.00774), '
        + '[SliceGPT: Compress Large Language Models by Deleting Rows and Columns](https://example.org/slicegpt)',
    );
  });

  it('plain: an exact reference string per paper, one per line', () => {
    assert.equal(
      renderCitation([fixture()], DEFAULT_CITATION_FORMATS.plain),
      'Frantar, E., & Alistarh, D. (2023). SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot. ICML. https://arxiv.org/abs/2301.00774',
    );
    assert.equal(
      renderCitation([fixture(), second], DEFAULT_CITATION_FORMATS.plain),
      'Frantar, E., & Alistarh, D. (2023). SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot. ICML. https://arxiv.org/abs/2301.00774\n'
        + 'Ashkboos, S., Croci, M. L., & Hensman, J. (2024). SliceGPT: Compress Large Language Models by Deleting Rows and Columns. https://example.org/slicegpt',
    );
    const bare = fixture({ authors: [{ family: 'OpenAI' }], year: undefined, venue: undefined, arxiv: undefined });
    assert.equal(renderCitation([bare], DEFAULT_CITATION_FORMATS.plain), 'OpenAI (n.d.). SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot.');
  });

  it('every default format parses', () => {
    for (const t of Object.values(DEFAULT_CITATION_FORMATS)) assert.equal(templateError(t), undefined);
  });

  it('picks a format per editor language', () => {
    assert.equal(formatForLanguage('markdown'), 'pandoc');
    assert.equal(formatForLanguage('quarto'), 'pandoc');
    assert.equal(formatForLanguage('latex'), 'latex');
    assert.equal(formatForLanguage('bibtex'), 'latex');
    assert.equal(formatForLanguage('python'), 'plain');
  });
});

describe('render: views', () => {
  it('authorsShort and authorsFull', () => {
    assert.equal(authorsShort([]), '');
    assert.equal(authorsShort([{ family: 'Frantar' }]), 'Frantar');
    assert.equal(authorsShort(fixture().authors), 'Frantar and Alistarh');
    assert.equal(authorsShort(second.authors), 'Ashkboos et al.');
    assert.equal(authorsFull([{ family: 'Kim', given: 'Sehoon' }]), 'Kim, S.');
    assert.equal(authorsFull([{ family: 'Lee', given: 'Jae-Won' }, { family: 'OpenAI' }]), 'Lee, J. W., & OpenAI');
  });

  it('paperLink prefers url, then DOI, then arXiv', () => {
    assert.equal(paperLink(fixture({ url: 'https://u', doi: '10.1/x' })), 'https://u');
    assert.equal(paperLink(fixture({ doi: '10.1/x' })), 'https://doi.org/10.1/x');
    assert.equal(paperLink(fixture()), 'https://arxiv.org/abs/2301.00774');
    assert.equal(paperLink(fixture({ arxiv: undefined })), undefined);
  });
});

describe('render: templates insert values literally', () => {
  const tricky = [
    '{{title}}',
    '{{#papers}}x{{/papers}}',
    'a }} b {{ c',
    '$& $1 $$ $` $\'',
    'C:\\path\\to\\{file} \\\\ \\n',
    '<b>bold</b> & "quotes" \'single\' &amp;',
    '{{=<% %>=}}<%key%>',
  ];

  it('values with mustache syntax, $, backslashes and HTML come out unchanged', () => {
    for (const value of tricky) {
      assert.equal(renderTemplate('[{{v}}]', { v: value }), `[${value}]`);
      assert.equal(renderTemplate('{{=<% %>=}}\\cite{<%v%>}', { v: value }), `\\cite{${value}}`);
    }
  });

  it('a tricky title goes through every default format literally', () => {
    const title = '<b>{{key}}</b> $& \\emph{x} }}{{';
    const p = fixture({ title, key: 'k$&{{x}}' });
    assert.equal(renderCitation([p], DEFAULT_CITATION_FORMATS.markdownLink), `[${title}](https://arxiv.org/abs/2301.00774)`);
    assert.equal(renderCitation([p], DEFAULT_CITATION_FORMATS.pandoc), '[@k$&{{x}}]');
    assert.equal(renderCitation([p], DEFAULT_CITATION_FORMATS.latex), '\\cite{k$&{{x}}}');
    assert.ok(renderCitation([p], DEFAULT_CITATION_FORMATS.plain).includes(`(2023). ${title}. ICML.`));
  });

  it('fast-check: any string value renders literally', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (v) => {
      assert.equal(renderTemplate('<{{v}}>', { v }), `<${v}>`);
    }), { numRuns: 300 });
  });

  it('templateError reports an unclosed section, and nothing for a good template', () => {
    const error = templateError('{{#papers}}@{{key}}');
    assert.equal(typeof error, 'string');
    assert.match(error as string, /papers/);
    assert.equal(typeof templateError('{{#a}}x{{/b}}'), 'string');
    assert.equal(typeof templateError('{{=<% %>=}}<%#a%>'), 'string');
    assert.equal(templateError('{{#papers}}@{{key}}{{/papers}}'), undefined);
    assert.equal(templateError('no tags at all'), undefined);
  });
});

// ---------------------------------------------------------------------------
// Note stubs

const STUB_KEYS = ['title', 'authors', 'year', 'key', 'url', 'arxiv', 'topics', 'tags', 'status', 'created'];

describe('render: note stub', () => {
  it('front matter reads back with every field; body has the abstract and headings', () => {
    const text = renderNoteStub(fixture(), DEFAULT_NOTE_TEMPLATE, CREATED);
    assert.ok(text.startsWith('---\n'));
    const { data, content, error } = readFrontMatter(text);
    assert.equal(error, undefined);
    assert.deepEqual(Object.keys(data).sort(), [...STUB_KEYS].sort());
    assert.deepEqual(data, {
      title: 'SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot',
      authors: ['Elias Frantar', 'Dan Alistarh'],
      year: 2023,
      key: 'frantar2023sparsegpt',
      url: 'https://arxiv.org/abs/2301.00774',
      arxiv: '2301.00774',
      topics: ['pruning', 'compression'],
      tags: ['pruning', 'one-shot'],
      status: 'unread',
      created: '2025-03-04',
    });
    assert.ok(content.includes('# SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot\n'));
    assert.ok(content.includes('*Elias Frantar, Dan Alistarh* (2023)'));
    assert.ok(content.includes(`## Abstract\n\n${fixture().abstract}\n`));
    for (const heading of ['## Summary', '## Key ideas', '## Notes']) assert.ok(content.includes(`\n${heading}\n`), heading);
  });

  it('leaves out fields the paper lacks, and adds doi when present', () => {
    const data = noteFrontMatter(fixture({ arxiv: undefined, year: undefined, doi: '10.1/x' }), CREATED);
    assert.ok(!('arxiv' in data) && !('year' in data));
    assert.equal(data.doi, '10.1/x');
    assert.equal(data.url, 'https://doi.org/10.1/x');
    const text = renderNoteStub(fixture({ arxiv: undefined, year: undefined, doi: '10.1/x' }), DEFAULT_NOTE_TEMPLATE, CREATED);
    assert.deepEqual(Object.keys(readFrontMatter(text).data).sort(), ['authors', 'created', 'doi', 'key', 'status', 'tags', 'title', 'topics', 'url']);
  });

  it('renders with a custom body template; front matter never comes from the template', () => {
    const text = renderNoteStub(fixture(), '---\nevil: true\n---\n{{title}}', CREATED);
    const { data, content } = readFrontMatter(text);
    assert.ok(!('evil' in data));
    assert.equal(data.key, 'frantar2023sparsegpt');
    assert.ok(content.includes('evil: true'));
  });

  it('every embedded corpus paper gives a stub that reads back', () => {
    for (const paper of corpusPapers()) {
      const { data, content, error } = readFrontMatter(renderNoteStub(paper, DEFAULT_NOTE_TEMPLATE, CREATED));
      assert.equal(error, undefined, paper.key);
      assert.equal(data.title, paper.title);
      assert.equal(data.key, paper.key);
      assert.equal(data.year, paper.year);
      assert.deepEqual(data.topics, paper.topics);
      assert.ok(content.includes(paper.abstract ?? ''), paper.key);
    }
  });

  const trickyTitle = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.array(fc.constantFrom('a: b', '---', '"', "'", '#x', '\n', '\r\n', '{{x}}', '- item', '[a, b]', '{a: 1}', '&anchor', '*alias', '!!js/function', '|', '>', '%TAG', '@', '`', 'key: value\nstatus: read', '\n---\nx: 1\n---\n', ' ', '\t', 'null', 'true', '2024-01-01', '0x1F', '1e3', '~', '...', '\u2028', '\u0085', '\uFEFF', 'é'), { maxLength: 8 }).map((parts) => parts.join('')),
  );

  it('fast-check: any title reads back exactly and adds no keys', () => {
    fc.assert(fc.property(trickyTitle, (title) => {
      const text = renderNoteStub(fixture({ title }), DEFAULT_NOTE_TEMPLATE, CREATED);
      const { data, error } = readFrontMatter(text);
      assert.equal(error, undefined);
      assert.equal(data.title, title);
      assert.deepEqual(Object.keys(data).sort(), [...STUB_KEYS].sort());
      assert.equal(data.status, 'unread');
      assert.equal(data.key, 'frantar2023sparsegpt');
      assert.equal(data.created, '2025-03-04');
    }), { numRuns: 1200 });
  });

  it('fast-check: odd authors, keys and tags read back exactly too', () => {
    const str = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('a: b', '---', '- x', 'null', '#', '"', '\n'));
    fc.assert(fc.property(fc.array(str, { maxLength: 4 }), str, fc.array(str, { maxLength: 4 }), (families, key, tags) => {
      const paper = fixture({ authors: families.map((family) => ({ family })), key, keywords: tags });
      const { data, error } = readFrontMatter(renderNoteStub(paper, DEFAULT_NOTE_TEMPLATE, CREATED));
      assert.equal(error, undefined);
      assert.deepEqual(data.authors, families);
      assert.equal(data.key, key);
      assert.deepEqual(data.tags, tags);
      assert.deepEqual(Object.keys(data).sort(), [...STUB_KEYS].sort());
    }), { numRuns: 300 });
  });
});

// ---------------------------------------------------------------------------
// BibTeX

describe('render: toBibtex', () => {
  it('writes an entry with the expected fields', () => {
    const bib = toBibtex(fixture());
    assert.ok(bib.startsWith('@misc{frantar2023sparsegpt,\n'));
    assert.ok(bib.includes('  author = {Frantar, Elias and Alistarh, Dan},\n'));
    assert.ok(bib.includes('  eprint = {2301.00774},\n'));
    assert.ok(bib.includes('  archiveprefix = {arXiv},\n'));
    assert.ok(bib.includes('  howpublished = {ICML},\n'));
    assert.ok(bib.endsWith('}\n'));
    const inproc = toBibtex(fixture({ type: 'paper-conference', arxiv: undefined }));
    assert.ok(inproc.startsWith('@inproceedings{'));
    assert.ok(inproc.includes('  booktitle = {ICML},'));
    assert.ok(toBibtex(fixture({ arxiv: undefined })).startsWith('@article{'));
  });

  function roundTrip(paper: Paper): Paper | undefined {
    const result = runToEnd(parseBibtexSteps(toBibtex(paper), 'copy.bib'));
    assert.equal(result.papers.length, 1);
    return result.papers[0] as Paper;
  }

  it('re-parses with parseBibtex to the same key, title, year, authors', () => {
    for (const paper of [fixture(), second, fixture({ key: 'x:y-z', title: 'A & B: snake_case, 50% of #1 {GPU}s', type: 'article-journal' })]) {
      const back = roundTrip(paper);
      assert.equal(back?.key, paper.key);
      assert.equal(back?.year, paper.year);
      assert.deepEqual(back?.authors, paper.authors);
    }
    assert.equal(roundTrip(fixture())?.title, fixture().title);
    assert.equal(roundTrip(second)?.title, second.title);
    assert.equal(roundTrip(fixture({ title: 'Unbalanced } and { braces' }))?.title, 'Unbalanced } and { braces');
  });

  it('round-trips embedded corpus papers without TeX-special text', () => {
    const plain = corpusPapers().filter((p) => !/[~$]|--/.test(p.title));
    assert.ok(plain.length >= 70);
    for (const paper of plain) {
      const back = roundTrip(paper);
      assert.equal(back?.key, paper.key);
      assert.equal(back?.title, paper.title, paper.key);
      assert.equal(back?.year, paper.year);
    }
  });

  it('round-trips titles with $, ~ and -- (all 75 corpus papers included)', () => {
    for (const title of ['Price $5', 'a~b', 'a--b']) assert.equal(roundTrip(fixture({ title }))?.title, title);
    for (const paper of corpusPapers()) assert.equal(roundTrip(paper)?.title, paper.title, paper.key);
  });
});

describe('render: paperView', () => {
  it('gives defaults for missing values', () => {
    const view = paperView(fixture({ year: undefined, venue: undefined, arxiv: undefined, topics: [], authors: [] }));
    assert.equal(view.year, 'n.d.');
    assert.equal(view.venue, '');
    assert.equal(view.url, '');
    assert.equal(view.topic, '');
    assert.equal(view.firstAuthor, '');
    assert.equal(view.authors, '');
  });
});
