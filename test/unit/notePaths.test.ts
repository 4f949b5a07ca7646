import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { noteFileName } from '../../src/core/render/notePaths';
import { fnv1a } from '../../src/core/text';
import { corpusPapers } from './helpers/corpus';

const SAFE = /^[A-Za-z0-9._-]+\.md$/;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

function assertSafe(key: string): string {
  const name = noteFileName(key);
  assert.match(name, SAFE, `${JSON.stringify(key)} → ${name}`);
  assert.ok(!name.startsWith('.'), name);
  assert.ok(!name.startsWith('-'), name);
  assert.notEqual(name.slice(0, -3), '..');
  assert.ok(!RESERVED.test(name), `${name} is a reserved device name`);
  assert.ok(!RESERVED.test(name.slice(0, -3)), `${name} stem is a reserved device name`);
  assert.ok(name.length <= 120, `${name.length} chars`);
  return name;
}

describe('notePaths: noteFileName examples', () => {
  it('keeps a plain key as it is', () => {
    assert.equal(noteFileName('frantar2023sparsegpt'), 'frantar2023sparsegpt.md');
    assert.equal(noteFileName('Smith_2020.v2-x'), 'Smith_2020.v2-x.md');
  });

  it('makes path tricks a single harmless segment, with a hash of the original', () => {
    assert.equal(noteFileName('../x'), `x-${fnv1a('../x')}.md`);
    assert.equal(noteFileName('a/b'), `a-b-${fnv1a('a/b')}.md`);
    assert.equal(noteFileName('a\\b'), `a-b-${fnv1a('a\\b')}.md`);
    assert.equal(noteFileName('c:'), `c-${fnv1a('c:')}.md`);
    assert.equal(noteFileName('*'), `note-${fnv1a('*')}.md`);
    assert.equal(noteFileName('a\u0000b'), `a-b-${fnv1a('a\u0000b')}.md`);
    assert.equal(noteFileName('..'), `note-${fnv1a('..')}.md`);
    assert.equal(noteFileName('/etc/passwd'), `etc-passwd-${fnv1a('/etc/passwd')}.md`);
    for (const key of ['../x', 'a/b', 'a\\b', 'c:', '*', 'a\u0000b', '..', '/etc/passwd', 'C:\\Windows\\x', '~/.ssh/id', 'a?b<c>d|e"f']) assertSafe(key);
  });

  it('never gives a reserved Windows device name', () => {
    assert.equal(noteFileName('CON'), `_CON-${fnv1a('CON')}.md`);
    assert.equal(noteFileName('con.txt'), `_con.txt-${fnv1a('con.txt')}.md`);
    assert.equal(noteFileName('nul'), `_nul-${fnv1a('nul')}.md`);
    for (const key of ['CON', 'con', 'con.txt', 'Prn', 'AUX.md', 'nul', 'COM1', 'com9.x', 'LPT3', 'lpt1.tar.gz', 'CON ', ' con', 'con.']) assertSafe(key);
  });

  it('never starts with a dot', () => {
    assert.equal(noteFileName('.hidden'), `hidden-${fnv1a('.hidden')}.md`);
    assertSafe('.hidden');
    assertSafe('...');
    assertSafe('-.-x');
  });

  it('caps the length of a very long key', () => {
    const key = 'k'.repeat(500);
    const name = assertSafe(key);
    assert.equal(name, `${'k'.repeat(100)}-${fnv1a(key)}.md`);
    assert.notEqual(noteFileName('k'.repeat(501)), name);
  });

  it('names an empty key "note-<hash>"', () => {
    assert.equal(noteFileName(''), `note-${fnv1a('')}.md`);
    assert.notEqual(noteFileName(''), noteFileName('note'));
  });

  it('handles Unicode: folded where NFKC allows, replaced otherwise, always distinct', () => {
    const names = ['Müller2020', 'Muller2020', '李2024', 'ｆｕｌｌｗｉｄｔｈ', '🚀rocket', 'e\u0301', 'é'].map(assertSafe);
    assert.equal(new Set(names).size, names.length);
    assert.equal(noteFileName('ｆｕｌｌｗｉｄｔｈ'), `fullwidth-${fnv1a('ｆｕｌｌｗｉｄｔｈ')}.md`);
    assert.equal(noteFileName('Muller2020'), 'Muller2020.md');
  });

  it('gives every embedded corpus paper its key as the file name', () => {
    for (const p of corpusPapers()) assert.equal(noteFileName(p.key), `${p.key}.md`);
  });

  it('two keys never share a name, even when one spells out the other\'s hashed form', () => {
    const changed = 'a!';
    const lookalike = `a-${fnv1a(changed)}`;
    assert.notEqual(noteFileName(lookalike), noteFileName(changed));
  });
});

describe('notePaths: properties', () => {
  const keyArb = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 140 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.array(fc.constantFrom('.', '..', '/', '\\', ':', '*', '\u0000', 'con', 'CON', 'nul', 'com1', 'lpt9', '.txt', 'a', 'Z', '9', '-', '_', ' ', 'é', '李', 'ｆ'), { maxLength: 12 }).map((p) => p.join('')),
  );

  it('any key gives a safe single-segment name', () => {
    fc.assert(fc.property(keyArb, (key) => { assertSafe(key); }), { numRuns: 2000 });
  });

  it('two different keys never share a name', () => {
    fc.assert(fc.property(keyArb, keyArb, (a, b) => {
      fc.pre(a !== b);
      assert.notEqual(noteFileName(a), noteFileName(b), `${JSON.stringify(a)} and ${JSON.stringify(b)}`);
    }), { numRuns: 2000 });
  });

  it('keys that differ only in unsafe characters still get different names', () => {
    const unsafe = fc.constantFrom('/', '\\', ':', '*', '?', ' ', '!', '\u0000', 'é');
    fc.assert(fc.property(fc.stringMatching(/^[a-z]{1,8}$/), unsafe, unsafe, (base, x, y) => {
      fc.pre(x !== y);
      assert.notEqual(noteFileName(base + x + 'z'), noteFileName(base + y + 'z'));
    }), { numRuns: 1000 });
  });

  it('is deterministic', () => {
    fc.assert(fc.property(keyArb, (key) => { assert.equal(noteFileName(key), noteFileName(key)); }), { numRuns: 500 });
  });
});
