import * as assert from 'node:assert/strict';
import { writeFrontMatter } from '../../src/core/frontMatter';
import { noteKeyOf, parseMarkdownNote } from '../../src/core/sources/markdownNotes';

const SRC = 'notes/vaswani2017.md';

describe('parseMarkdownNote', () => {
  it('reads a paper from front matter', () => {
    const text = [
      '---',
      'title: "Attention Is All You Need"',
      'authors:',
      '  - Ashish Vaswani',
      '  - Shazeer, Noam',
      '  - Ludwig van Beethoven',
      '  - { family: Parmar, given: Niki }',
      'year: 2017',
      'key: vaswani2017',
      'venue: NeurIPS',
      'abstract: The dominant models...',
      'url: https://example.org',
      'doi: 10.1/abc',
      'arxiv: "1706.03762"',
      'topics: [attention, architecture]',
      'tags: [transformers, nlp]',
      '---',
      '# Notes',
    ].join('\n');
    const { papers, problems } = parseMarkdownNote(text, SRC);
    assert.deepEqual(problems, []);
    assert.deepEqual(papers, [
      {
        title: 'Attention Is All You Need',
        authors: [
          { family: 'Vaswani', given: 'Ashish' },
          { family: 'Shazeer', given: 'Noam' },
          { family: 'van Beethoven', given: 'Ludwig' },
          { family: 'Parmar', given: 'Niki' },
        ],
        keywords: ['transformers', 'nlp'],
        statedTopics: ['attention', 'architecture'],
        key: 'vaswani2017',
        year: 2017,
        venue: 'NeurIPS',
        abstract: 'The dominant models...',
        url: 'https://example.org',
        doi: '10.1/abc',
        arxiv: '1706.03762',
        origin: { source: SRC, kind: 'markdown', line: 1 },
      },
    ]);
  });

  it('treats a note without front matter or without a title as just a note', () => {
    assert.deepEqual(parseMarkdownNote('# Meeting notes\n', SRC), { papers: [], problems: [] });
    assert.deepEqual(parseMarkdownNote('---\ntags: [x]\n---\nbody', SRC), { papers: [], problems: [] });
    assert.deepEqual(parseMarkdownNote('', SRC), { papers: [], problems: [] });
  });

  it('warns at line 1 about broken YAML and reads no paper', () => {
    const { papers, problems } = parseMarkdownNote('---\ntitle: "unclosed\nyear: [\n---\nbody', SRC);
    assert.deepEqual(papers, []);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'warning');
    assert.equal(problems[0].line, 1);
  });

  it('coerces title: 123 to text with a warning', () => {
    const { papers, problems } = parseMarkdownNote('---\ntitle: 123\n---\n', SRC);
    assert.equal(papers[0].title, '123');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'warning');
    assert.match(problems[0].message, /title/);
  });

  it('splits authors given as one string, with a warning', () => {
    const cases: Array<[string, Array<{ family: string; given?: string }>]> = [
      ['Ada Lovelace and Alan Turing', [{ family: 'Lovelace', given: 'Ada' }, { family: 'Turing', given: 'Alan' }]],
      ['Lovelace, Ada; Turing, Alan', [{ family: 'Lovelace', given: 'Ada' }, { family: 'Turing', given: 'Alan' }]],
      ['Ada Lovelace, Alan Turing', [{ family: 'Lovelace', given: 'Ada' }, { family: 'Turing', given: 'Alan' }]],
      ['Lovelace, Ada', [{ family: 'Lovelace', given: 'Ada' }]],
    ];
    for (const [authors, expected] of cases) {
      const { papers, problems } = parseMarkdownNote(writeFrontMatter({ title: 'T', authors }, ''), SRC);
      assert.deepEqual(papers[0].authors, expected, authors);
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /authors/);
    }
  });

  it('accepts citekey or id for the key, a year as text, and tags as a comma string', () => {
    const { papers } = parseMarkdownNote('---\ntitle: T\ncitekey: ck\nyear: "2019"\nkeywords: a, b\n---\n', SRC);
    assert.equal(papers[0].key, 'ck');
    assert.equal(papers[0].year, 2019);
    assert.deepEqual(papers[0].keywords, ['a', 'b']);
  });

  it('ignores values of unusable types with warnings, without crashing', () => {
    const text = '---\ntitle: { nested: true }\n---\n';
    assert.deepEqual(parseMarkdownNote(text, SRC).papers, []);
    const odd = '---\ntitle: T\nauthors: [[1, 2], null, {}]\nyear: soon\ntopics: { a: 1 }\nurl: [1, {}]\n---\n';
    const { papers, problems } = parseMarkdownNote(odd, SRC);
    assert.equal(papers.length, 1);
    assert.deepEqual(papers[0].authors, []);
    assert.equal(papers[0].year, undefined);
    assert.ok(problems.length >= 4);
  });
});

describe('noteKeyOf', () => {
  it('returns the key a note declares', () => {
    assert.equal(noteKeyOf('---\nkey: k1\n---\n'), 'k1');
    assert.equal(noteKeyOf('---\ncitekey: k2\n---\n'), 'k2');
    assert.equal(noteKeyOf('---\nid: 42\n---\n'), '42');
  });

  it('returns undefined without a key or with broken front matter', () => {
    assert.equal(noteKeyOf('# no front matter'), undefined);
    assert.equal(noteKeyOf('---\ntitle: T\n---\n'), undefined);
    assert.equal(noteKeyOf('---\nkey: [\n---\n'), undefined);
  });
});
