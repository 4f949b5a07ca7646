import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFrontMatter, writeFrontMatter } from '../../src/core/frontMatter';

const TRICKY = [
  'Attention: all you need',
  'He said "hi" and \'bye\'',
  '# not a comment',
  'a: b',
  'key: value\nother: injected',
  '---',
  'before\n---\nafter',
  '  leading spaces',
  'trailing spaces  ',
  '{{ template }}',
  '[not, a, list]',
  '- not a list item',
  '> quote',
  '| pipe',
  '!tag value',
  '&anchor *alias',
  '%percent',
  '@at `backtick`',
  'yes',
  'null',
  '~',
  '0x1F',
  '1e3',
  '2021-01-01',
  'Éé ñ 中文 😀 عربى',
  'tab\there',
  'line\r\nbreak',
  '\n',
  '',
  ' ',
  '\u2028\u2029\u0085',
  '\uFEFFbom',
  'a\0b',
  '...',
  '---js\nmodule.exports = 1',
];

describe('readFrontMatter', () => {
  it('reads keys and the body', () => {
    const r = readFrontMatter('---\ntitle: Hello\nyear: 2020\n---\n# Body\n');
    assert.deepEqual(r, { data: { title: 'Hello', year: 2020 }, content: '# Body\n' });
  });

  it('returns the whole text as content when there is no front matter', () => {
    assert.deepEqual(readFrontMatter('# Just a note\n'), { data: {}, content: '# Just a note\n' });
    assert.deepEqual(readFrontMatter(''), { data: {}, content: '' });
  });

  it('reports broken YAML as an error with empty data, never throwing', () => {
    const r = readFrontMatter('---\ntitle: [unclosed\n  bad: : :\n---\nbody\n');
    assert.deepEqual(r.data, {});
    assert.ok(r.error);
    assert.doesNotMatch(r.error, /\n/);
    assert.equal(r.content, 'body\n');
  });

  it('reports a front matter that never closes', () => {
    const r = readFrontMatter('---\ntitle: x\n');
    assert.deepEqual(r.data, {});
    assert.match(r.error ?? '', /closing/);
  });

  it('refuses JavaScript front matter instead of running it', () => {
    const g = globalThis as { litnotesPwned?: boolean };
    for (const lang of ['js', 'javascript']) {
      const r = readFrontMatter(`---${lang}\n{ title: (globalThis.litnotesPwned = true, 'x') }\n---\nbody`);
      assert.deepEqual(r.data, {});
      assert.ok(r.error);
    }
    assert.equal(g.litnotesPwned, undefined);
  });

  it('does not build functions or other objects from YAML tags', () => {
    const r = readFrontMatter('---\nf: !!js/function "function () { return 1 }"\n---\n');
    assert.deepEqual(r.data, {});
    assert.ok(r.error);
  });

  it('returns a fresh object on every read of the same text', () => {
    const text = '---\ntitle: Same\ntags: [a]\n---\nbody';
    const a = readFrontMatter(text);
    (a.data.tags as string[]).push('mutated');
    a.data.title = 'changed';
    const b = readFrontMatter(text);
    assert.deepEqual(b.data, { title: 'Same', tags: ['a'] });
  });

  it('reads CRLF files and a BOM', () => {
    const r = readFrontMatter('\uFEFF---\r\ntitle: Win\r\n---\r\nbody\r\n');
    assert.deepEqual(r.data, { title: 'Win' });
    assert.equal(r.content, 'body\r\n');
  });

  it('reports front matter that is not a mapping', () => {
    const r = readFrontMatter('---\n- a\n- b\n---\nbody');
    assert.deepEqual(r.data, {});
    assert.ok(r.error);
  });
});

describe('writeFrontMatter', () => {
  it('writes YAML between --- lines followed by the body', () => {
    assert.equal(writeFrontMatter({ title: 'T', year: 2020 }, '# Body\n'), '---\ntitle: T\nyear: 2020\n---\n# Body\n');
  });

  it('leaves out undefined values', () => {
    assert.deepEqual(readFrontMatter(writeFrontMatter({ title: 'T', doi: undefined }, '')).data, { title: 'T' });
  });

  it('does not merge front matter found at the start of the body', () => {
    const text = writeFrontMatter({ title: 'T' }, '---\nevil: true\n---\nrest\n');
    assert.deepEqual(readFrontMatter(text).data, { title: 'T' });
  });

  for (const title of TRICKY) {
    it(`round-trips the title ${JSON.stringify(title)}`, () => {
      const r = readFrontMatter(writeFrontMatter({ title, key: 'k' }, 'body\n'));
      assert.equal(r.error, undefined);
      assert.deepEqual(r.data, { title, key: 'k' });
      assert.equal(r.content, 'body\n');
    });
  }

  it('round-trips any title string and writes exactly the given keys (property)', () => {
    const title = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: fc.constantFrom(...'-:#"\'{}[]\n\r\t >|!&*%@`,?\\ ab'.split('')), maxLength: 40 }),
      fc.constantFrom(...TRICKY),
    );
    fc.assert(
      fc.property(title, fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }), fc.string({ maxLength: 60 }), (t, authors, body) => {
        const data = { title: t, authors, year: 2021 };
        const r = readFrontMatter(writeFrontMatter(data, body));
        assert.equal(r.error, undefined);
        assert.deepEqual(Object.keys(r.data).sort(), ['authors', 'title', 'year']);
        assert.deepEqual(r.data, data);
      }),
      { numRuns: 2000 },
    );
  });
});
