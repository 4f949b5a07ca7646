// Hostile input: malformed BibTeX, odd encodings, wrong JSON, huge files,
// fuzz and scaling, templates and the shipped bundles. Bad input may produce
// problems, never an exception, a hang or lost good entries.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { DraftParseResult } from '../../src/core/model';
import { readFrontMatter } from '../../src/core/frontMatter';
import { DEFAULT_CITATION_FORMATS, renderCitation } from '../../src/core/render/citations';
import { renderNoteStub } from '../../src/core/render/noteStub';
import { renderTemplate } from '../../src/core/render/templates';
import { parseBibtexSteps } from '../../src/core/sources/bibtex';
import { parseCorpusText } from '../../src/core/sources/corpus';
import { parseCslJson } from '../../src/core/sources/cslJson';
import { parseSourceSteps } from '../../src/core/sources/index';
import { runToEnd } from '../../src/core/slices';
import { parseMarkdownNote } from '../../src/core/sources/markdownNotes';
import type { Paper } from '../../src/core/model';
import { decodeText } from '../../src/core/sources/decodeText';
import { fixtureNames } from './helpers/oracle';

const ROOT = process.cwd();
const BIB_FIXTURES = path.resolve(ROOT, 'test', 'fixtures', 'bib');

function entry(key: string, extra = ''): string {
  return `@article{${key},\n  title = {Title of ${key}},\n  author = {Doe, Jane and Roe, Rick},\n  year = {2020}${extra}\n}\n`;
}

const keys = (r: DraftParseResult) => r.papers.map((p) => p.key);

/** Every problem is one line of text with a 1-based line number. */
function assertProblemsWellFormed(r: DraftParseResult): void {
  for (const p of r.problems) {
    assert.ok(Number.isInteger(p.line) && p.line! >= 1, `problem without a line: ${p.message}`);
    assert.ok(p.message.trim() !== '' && !p.message.includes('\n'), `bad message: ${JSON.stringify(p.message)}`);
  }
}

function lines(r: DraftParseResult, severity?: string): number[] {
  return r.problems.filter((p) => !severity || p.severity === severity).map((p) => p.line!);
}

describe('hostile BibTeX structure', () => {
  it('truncated entry at the end of the file: earlier entries kept, an error at its line', () => {
    const r = runToEnd(parseBibtexSteps(entry('a') + entry('b') + '@article{c,\n  title = {Cut off in the mid', 'x.bib'));
    assert.deepEqual(keys(r), ['a', 'b']);
    assert.deepEqual(lines(r, 'error'), [11]);
    assertProblemsWellFormed(r);
  });

  it('truncated entry in the middle of the file: neighbours on both sides kept', () => {
    const r = runToEnd(parseBibtexSteps(entry('a') + '@article{b,\n  title = {Cut\n' + entry('c'), 'x.bib'));
    assert.deepEqual(keys(r), ['a', 'c']);
    assert.deepEqual(lines(r, 'error'), [6]);
  });

  it('unbalanced braces: an extra "}" between entries and an unclosed "{" in a value', () => {
    const extra = runToEnd(parseBibtexSteps(entry('a') + '}}}\n' + entry('b'), 'x.bib'));
    assert.deepEqual(keys(extra), ['a', 'b']);
    const open = runToEnd(parseBibtexSteps(entry('a') + '@article{b,\n  title = {Un{balanced},\n  year = 2020\n}\n' + entry('c'), 'x.bib'));
    assert.deepEqual(keys(open), ['a', 'c']);
    assert.deepEqual(lines(open, 'error'), [6]);
    assertProblemsWellFormed(open);
  });

  it('a missing comma between fields: only that entry is lost, with its line', () => {
    const r = runToEnd(parseBibtexSteps(entry('a') + '@article{b,\n  title = {B}\n  year = 2020\n}\n' + entry('c'), 'x.bib'));
    assert.deepEqual(keys(r), ['a', 'c']);
    assert.deepEqual(lines(r, 'error'), [6]);
  });

  it('duplicate keys: the first is kept, the second warned at its line, others untouched', () => {
    const r = runToEnd(parseBibtexSteps(entry('a') + entry('b') + entry('a', ',\n  note = {second}') + entry('c'), 'x.bib'));
    assert.deepEqual(keys(r), ['a', 'b', 'c']);
    assert.equal(r.papers[0].title, 'Title of a');
    assert.deepEqual(lines(r, 'warning'), [11]);
  });

  it('@string used before it is defined: the entry and everything after it are kept', () => {
    const text = '@article{early,\n  title = later # { part},\n  year = 2020\n}\n@string{later = {Defined later}}\n'
      + '@article{late,\n  title = later,\n  year = 2021\n}\n' + entry('c');
    const r = runToEnd(parseBibtexSteps(text, 'x.bib'));
    assert.deepEqual(keys(r), ['early', 'late', 'c']);
    assert.equal(r.papers[1].title, 'Defined later', 'a macro resolves after its definition');
    // BibTeX semantics: the macro is not yet defined, so it reads as empty.
    assert.equal(r.papers[0].title, 'part');
    assertProblemsWellFormed(r);
  });

  it('@string used before it is defined, with a broken entry forcing the slow path: same result', () => {
    const text = '@article{early,\n  title = later # { part},\n  year = 2020\n}\n@string{later = {Defined later}}\n'
      + '@article{bad,\n  title = {x}\n  year = 1\n}\n@article{late,\n  title = later,\n  year = 2021\n}\n';
    const r = runToEnd(parseBibtexSteps(text, 'x.bib'));
    assert.deepEqual(keys(r), ['early', 'late']);
    assert.equal(r.papers[1].title, 'Defined later');
    assert.deepEqual(lines(r, 'error'), [6]);
  });

  it('@comment and @preamble: never papers, entries quoted inside @comment ignored, neighbours kept', () => {
    const text = '@comment{ @article{ghost, title = {Ghost}} }\n@preamble{ "\\newcommand{\\noop}[1]{}" }\n'
      + entry('a') + '@COMMENT{unclosed comment\n' + entry('b') + '@preamble{"unclosed\n' + entry('c');
    const r = runToEnd(parseBibtexSteps(text, 'x.bib'));
    assert.deepEqual(keys(r), ['a', 'b', 'c']);
    assertProblemsWellFormed(r);
  });

  it('entries with no title or no abstract are kept (no title warns; no abstract is normal)', () => {
    const r = runToEnd(parseBibtexSteps('@misc{notitle,\n  author = {Doe, J},\n  year = 2020\n}\n@misc{onlykey,}\n' + entry('noabstract'), 'x.bib'));
    assert.deepEqual(keys(r), ['notitle', 'onlykey', 'noabstract']);
    assert.equal(r.papers[0].title, '');
    assert.equal(r.papers[2].abstract, undefined);
    assert.deepEqual(lines(r, 'warning'), [1, 5]);
    assert.equal(r.problems.filter((p) => p.severity === 'error').length, 0);
  });

  it('entries without a key, or with an empty key, are errors at their line; the rest kept', () => {
    const r = runToEnd(parseBibtexSteps('@misc{,title={x}}\n@misc{title={y}}\n' + entry('a'), 'x.bib'));
    assert.deepEqual(keys(r), ['a']);
    assert.deepEqual(lines(r, 'error'), [1, 2]);
  });
});

describe('hostile encodings and line endings (decodeText + parseSourceText)', () => {
  const bib = '@article{a,\n  title = {Über Straße},\n  year = 2020\n}\n\n@article{b,\n  title = {B},\n  year = 2021\n}\n';
  const enc = new TextEncoder();
  const utf16 = (s: string, bigEndian: boolean, bom = true): Uint8Array => {
    const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
    let o = 0;
    if (bom) {
      out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
      o = 2;
    }
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      out[o + 2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
      out[o + 2 * i + (bigEndian ? 0 : 1)] = c >> 8;
    }
    return out;
  };
  const read = (bytes: Uint8Array, source = 'lib.bib') => {
    const decoded = decodeText(bytes, source);
    const result = runToEnd(parseSourceSteps(decoded.text, source));
    return { decoded, result, all: [...decoded.problems, ...result.problems] };
  };
  const expectBoth = (r: DraftParseResult) => {
    assert.deepEqual(keys(r), ['a', 'b']);
    assert.equal(r.papers[0].title, 'Über Straße');
    assert.deepEqual(r.papers.map((p) => p.origin.line), [1, 6]);
  };

  it('UTF-8 with a BOM', () => {
    const { result, all } = read(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc.encode(bib)]));
    expectBoth(result);
    assert.deepEqual(all, []);
  });

  it('UTF-16 LE with a BOM', () => {
    const { result, all } = read(utf16(bib, false));
    expectBoth(result);
    assert.deepEqual(all, []);
  });

  it('UTF-16 BE with a BOM', () => {
    const { result, all } = read(utf16(bib, true));
    expectBoth(result);
    assert.deepEqual(all, []);
  });

  it('UTF-16 without a BOM: both entries kept, with warnings (not silently)', () => {
    const { result, all } = read(utf16(bib, false, false));
    assert.deepEqual(keys(result), ['a', 'b']);
    assert.ok(all.some((p) => /NUL/.test(p.message)));
  });

  it('CRLF and lone CR line ends: same papers and lines as LF', () => {
    expectBoth(read(enc.encode(bib.replace(/\n/g, '\r\n'))).result);
    expectBoth(read(enc.encode(bib.replace(/\n/g, '\r'))).result);
  });

  it('invalid UTF-8 (and Latin-1 text): entries kept, a warning at the line of the bad byte', () => {
    const at = bib.indexOf('Straße');
    const bad = Uint8Array.from([...enc.encode(bib.slice(0, at)), 0xff, 0xc3, 0x20, ...enc.encode(bib.slice(at))]);
    const { result, decoded } = read(bad);
    assert.deepEqual(keys(result), ['a', 'b']);
    assert.equal(decoded.problems.length, 1);
    assert.equal(decoded.problems[0].line, 2);
    const latin1 = Uint8Array.from(Array.from(bib, (c) => c.charCodeAt(0) & 0xff));
    const l = read(latin1);
    assert.deepEqual(keys(l.result), ['a', 'b']);
    assert.match(l.decoded.problems[0].message, /not valid UTF-8/);
    assert.equal(l.decoded.problems[0].line, 2);
  });

  it('a NUL byte: dropped with a warning at its line, entries intact', () => {
    const { result, decoded } = read(enc.encode(bib.replace('year = 2021', 'year = 20\u000021')));
    assert.deepEqual(keys(result), ['a', 'b']);
    assert.equal(result.papers[1].year, 2021);
    assert.deepEqual(decoded.problems.map((p) => p.line), [8]);
  });

  it('an empty file, a BOM-only file and a single bad byte, for every source kind', () => {
    for (const source of ['e.bib', 'e.json', 'e.md', 'e.txt']) {
      for (const bytes of [new Uint8Array(0), Uint8Array.from([0xef, 0xbb, 0xbf]), Uint8Array.from([0xff, 0xfe]), Uint8Array.from([0xff])]) {
        const { result, all } = read(bytes, source);
        // A .txt corpus reads any paragraph as a title, so a lone U+FFFD there is a (warned) paper.
        if (source === 'e.txt' && bytes.length === 1) assert.ok(result.papers.length <= 1 && result.problems.length === 1);
        else assert.deepEqual(result.papers, [], `${source} ${bytes.join(',')}`);
        // Every problem, of the decoding and of the parse, points at a line.
        assertProblemsWellFormed({ papers: [], problems: all });
      }
    }
  });

  it('the same hostile bytes in .json and .md files never throw and read nothing wrong', () => {
    for (const source of ['x.json', 'x.md']) {
      for (const bytes of [utf16(bib, false), enc.encode('\0\0\0'), Uint8Array.from([0xc3, 0x28, 0xa0, 0xa1])]) {
        const { result } = read(bytes, source);
        assert.deepEqual(result.papers, []);
      }
    }
  });

  it('CSL-JSON and Markdown notes in UTF-16 and with CRLF read like UTF-8', () => {
    const json = '[\r\n  {"id": "j1", "title": "Ünïcode"}\r\n]\r\n';
    for (const bytes of [utf16(json, false), utf16(json, true), enc.encode(json)]) {
      const { result, all } = read(bytes, 'x.json');
      assert.deepEqual(result.papers.map((p) => [p.key, p.title]), [['j1', 'Ünïcode']]);
      assert.deepEqual(all, []);
    }
    const note = '---\r\ntitle: Ünïcode note\r\nkey: n1\r\n---\r\nbody\r\n';
    for (const bytes of [utf16(note, false), enc.encode(note)]) {
      const { result } = read(bytes, 'x.md');
      assert.deepEqual(result.papers.map((p) => [p.key, p.title]), [['n1', 'Ünïcode note']]);
    }
  });
});

describe('hostile BibTeX fixtures through the extension\'s read path', () => {
  const names = fixtureNames(BIB_FIXTURES);

  it('every fixture, read as bytes with decodeText, keeps the entries its UTF-8 read keeps', () => {
    assert.ok(names.length >= 100 && fs.existsSync(BIB_FIXTURES));
    for (const name of names) {
      const bytes = fs.readFileSync(path.join(BIB_FIXTURES, name));
      const { text, problems } = decodeText(bytes, name);
      const r = runToEnd(parseSourceSteps(text, name));
      assert.equal(r.papers.length, runToEnd(parseBibtexSteps(bytes.toString('utf8'), name)).papers.length, name);
      assertProblemsWellFormed({ papers: [], problems: [...problems, ...r.problems] });
    }
  });

  it('every fixture re-encoded (CRLF, BOM, UTF-16 LE, UTF-16 BE) keeps the same papers at the same lines', function () {
    this.timeout(120000);
    const enc = new TextEncoder();
    for (const name of names) {
      const text = fs.readFileSync(path.join(BIB_FIXTURES, name), 'utf8');
      const base = runToEnd(parseBibtexSteps(text, name)).papers.map((p) => `${p.key}@${p.origin.line}:${p.title}`);
      const lf = text.replace(/\r\n?/g, '\n');
      const le = Buffer.from('\ufeff' + lf, 'utf16le');
      const be = Buffer.from(le);
      be.swap16();
      const variants: Array<[string, Uint8Array]> = [
        ['crlf', enc.encode(lf.replace(/\n/g, '\r\n'))],
        ['bom', enc.encode('\ufeff' + lf)],
        ['utf16le', le],
        ['utf16be', be],
      ];
      for (const [label, bytes] of variants) {
        const { text: decoded } = decodeText(bytes, name);
        const got = runToEnd(parseSourceSteps(decoded, name)).papers.map((p) => `${p.key}@${p.origin.line}:${p.title}`);
        assert.deepEqual(got, base, `${name} as ${label}`);
      }
    }
  });
});

describe('hostile CSL-JSON', () => {
  it('not an array: an object, a string, a number, null, true: one error at line 1, no papers', () => {
    for (const text of ['{"id": "a", "title": "T"}', '"text"', '42', 'null', 'true', '{"items": [{"id": "a"}]}']) {
      const r = parseCslJson(text, 'x.json');
      assert.deepEqual(r.papers, [], text);
      assert.equal(r.problems.length, 1, text);
      assert.equal(r.problems[0].severity, 'error');
      assert.equal(r.problems[0].line, 1);
    }
  });

  it('not JSON at all: BibTeX, truncated JSON, trailing commas, binary: one error with a line', () => {
    for (const text of [entry('a'), '[{"id": "a", "title": "T"}', '[{"id": "a",}]', '\u0001\u0002\uFFFD', '[\n{"id": "a"},\n{"id": \n']) {
      const r = parseCslJson(text, 'x.json');
      assert.deepEqual(r.papers, []);
      assert.equal(r.problems.length, 1);
      assertProblemsWellFormed(r);
    }
  });

  it('wrong field types: the item is kept, the bad fields dropped with warnings', () => {
    const items = [
      { id: 'a', title: { nested: true }, author: 'Jane Doe', issued: 'yesterday', DOI: 5, URL: ['x', 1], abstract: null, keyword: 7 },
      { id: 42, title: ['Joined', 'title'], author: [null, 3, { family: 7 }, { literal: 'Org' }], issued: { 'date-parts': 'no' } },
      { id: ['arr'], title: 'Only a title' },
      { id: { o: 1 } },
      'string item', 7, null, [1, 2],
      { id: 'z', title: 'Good' },
    ];
    const r = parseCslJson(JSON.stringify(items, null, 1), 'x.json');
    assert.deepEqual(keys(r), ['a', '42', undefined, 'z']);
    assert.equal(r.papers[1].title, 'Joined title');
    assert.equal(r.papers[3].title, 'Good');
    assert.ok(r.problems.filter((p) => p.severity === 'warning').length >= 5);
    assert.equal(r.problems.filter((p) => p.severity === 'error').length, 5, r.problems.map((p) => p.message).join('\n'));
    assertProblemsWellFormed(r);
  });

  it('prototype-pollution keys in items change nothing outside the item', () => {
    const r = parseCslJson('[{"id": "p", "title": "T", "__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}]', 'x.json');
    assert.deepEqual(keys(r), ['p']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('hostile front matter (unit)', () => {
  it('a YAML alias bomb is read without expanding it and gives no paper data beyond the title', () => {
    const bomb = '---\ntitle: Bomb\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n'
      + 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nauthors: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ntags: *e\n---\n';
    const r = parseMarkdownNote(bomb, 'n.md');
    assert.equal(r.papers[0].title, 'Bomb');
    assert.deepEqual(r.papers[0].authors, []);
  });

  it('title: 123, authors as a string, year as text, tags as a number: read with warnings, no throw', () => {
    const r = parseMarkdownNote('---\ntitle: 123\nauthors: Ada Lovelace and Alan Turing\nyear: "in 1843"\ntags: 5\n---\n', 'n.md');
    assert.equal(r.papers[0].title, '123');
    assert.deepEqual(r.papers[0].authors.map((a) => a.family), ['Lovelace', 'Turing']);
    assert.equal(r.papers[0].year, 1843);
    assert.ok(r.problems.length >= 3);
    assertProblemsWellFormed(r);
  });

  it('broken YAML, unclosed front matter, a list as front matter, JavaScript front matter: a warning, no paper', () => {
    for (const text of ['---\ntitle: [unclosed\n---\n', '---\ntitle: x\n', '---\n- a\n- b\n---\n', '---js\n{ title: (() => { globalThis.__ran = 1; return "x"; })() }\n---\n']) {
      const r = parseMarkdownNote(text, 'n.md');
      assert.deepEqual(r.papers, [], text);
      assert.equal(r.problems.length, 1, text);
    }
    assert.equal((globalThis as Record<string, unknown>).__ran, undefined);
  });
});

describe('hostile sizes: a 50 MB library file', () => {
  // Its speed is measured by the bench (npm run bench, 100k papers); this checks nothing is lost and memory stays bounded.
  it('parses a ~50 MB BibTeX text with bounded memory, keeping every entry', function () {
    this.timeout(600000);
    const chunks: string[] = [];
    let size = 0;
    let n = 0;
    while (size < 50 * 1024 * 1024) {
      const e = entry(`k${n++}`, `,\n  journal = {Journal},\n  abstract = {${'word '.repeat(60)}}`);
      chunks.push(e);
      size += e.length;
    }
    const text = chunks.join('');
    chunks.length = 0;
    const heapBefore = process.memoryUsage().heapUsed;
    const r = runToEnd(parseBibtexSteps(text, 'big.bib'));
    const heapGrowthMB = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
    assert.equal(r.papers.length, n);
    assert.deepEqual(r.problems, []);
    assert.ok(heapGrowthMB < 1500, `heap grew by ${heapGrowthMB.toFixed(0)} MB`);
  });
});

describe('hostile fuzz: every parser, random and mutated input', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.string({ unit: fc.constantFrom(...'@{}()",=#%\\\n\r\t\0-:[]|>&*!ab1 '.split('')), maxLength: 400 }),
  );

  it('parseSourceText for .bib, .json, .md, .txt and unknown extensions never throws', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('f.bib', 'f.json', 'f.md', 'f.txt', 'f.pdf', 'noext'), (text, source) => {
        const r = runToEnd(parseSourceSteps(text, source));
        return Array.isArray(r.papers) && Array.isArray(r.problems) && r.problems.every((p) => typeof p.message === 'string');
      }),
      { numRuns: 1500 },
    );
  });

  it('decodeText on random bytes never throws, and its text never holds a NUL', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom([], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf]), (bytes, bom) => {
        const { text, problems } = decodeText(Uint8Array.from([...bom, ...bytes]), 'f.bib');
        const r = runToEnd(parseSourceSteps(text, 'f.bib'));
        return (
          !text.includes('\0') &&
          [...problems, ...r.problems].every((p) => Number.isInteger(p.line) && p.line! >= 1) &&
          r.papers.every((p) => Number.isInteger(p.origin.line) && p.origin.line! >= 1)
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('parseBibtex keeps every untouched entry when one entry of a file is mutated', () => {
    const good = ['a', 'b', 'c', 'd', 'e'].map((k) => entry(k));
    fc.assert(
      fc.property(fc.nat({ max: 4 }), fc.string({ unit: fc.constantFrom(...'{}",=@\n%\\'.split('')), minLength: 1, maxLength: 6 }), fc.nat(), (victim, junk, at) => {
        const broken = good.map((e, i) => {
          if (i !== victim) return e;
          const p = 10 + (at % (e.length - 12));
          return e.slice(0, p) + junk + e.slice(p);
        });
        const r = runToEnd(parseBibtexSteps(broken.join('\n'), 'f.bib'));
        const expected = ['a', 'b', 'c', 'd', 'e'].filter((_, i) => i !== victim);
        return expected.every((k) => r.papers.some((p) => p.key === k && p.title === `Title of ${k}`));
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostile template values and templates', () => {
  const nasty = 'A {{key}} }} {{#x}}{{/x}} {{=<% %>=}} $& $1 $$ \\cite{x} \\\\ <script>alert(1)</script> &amp; key: evil\n---\ntitle: pwned # [x](y) *b*';
  const paper: Paper = {
    key: 'k', title: nasty, authors: [{ family: '{{year}}', given: '$&' }], year: 2020, keywords: ['{{title}}'], topics: [],
    url: 'https://example.org/?a={{b}}&c=$1', origin: { source: 's', kind: 'bibtex' },
  };

  it('values with {{, }}, $, backslashes, HTML and YAML are inserted literally in citations', () => {
    assert.equal(renderCitation([paper], DEFAULT_CITATION_FORMATS.markdownLink), `[${nasty}](https://example.org/?a={{b}}&c=$1)`);
    assert.equal(renderCitation([paper], DEFAULT_CITATION_FORMATS.latex), '\\cite{k}');
    assert.equal(renderTemplate('{{title}}|{{{title}}}|{{&title}}', { title: nasty }), `${nasty}|${nasty}|${nasty}`);
  });

  it('a note stub keeps such a title exact in front matter and body, and adds no keys', () => {
    const stub = renderNoteStub(paper, undefined, new Date('2024-01-02T00:00:00Z'));
    const { data, content } = readFrontMatter(stub);
    assert.equal(data.title, nasty);
    assert.deepEqual(data.authors, ['$& {{year}}']);
    assert.deepEqual(Object.keys(data).sort(), ['authors', 'created', 'key', 'status', 'tags', 'title', 'topics', 'url', 'year']);
    assert.ok(content.startsWith(`# ${nasty}\n`));
  });

  it('templates cannot run code: prototype paths are refused with a clear error, partials render nothing, JS stays inert text', () => {
    const g = globalThis as Record<string, unknown>;
    for (const template of [
      '{{#constructor.constructor}}a=globalThis.__tpl=1{{/constructor.constructor}}',
      '{{constructor.constructor}}', '{{#title.constructor}}globalThis.__tpl=1{{/title.constructor}}', '{{{__proto__}}}',
    ]) {
      assert.throws(() => renderTemplate(template, { title: 't' }), /^Error: The template uses unknown values: (constructor|__proto__)\./, template);
    }
    for (const [template, out] of [
      ['{{>evil}}', ''],
      ['<%= globalThis.__tpl = 1 %>', '<%= globalThis.__tpl = 1 %>'],
      ['${globalThis.__tpl = 1}', '${globalThis.__tpl = 1}'],
    ]) {
      assert.equal(renderTemplate(template, { title: 't' }), out, template);
    }
    assert.equal(g.__tpl, undefined);
  });
});

describe('hostile trust checks', () => {
  it('the dist bundles contain no eval( and no new Function', () => {
    // `npm run test:unit` builds the production bundles first.
    const bundles = ['dist/web/extension.js', 'dist/node/extension.js', 'dist/web/parseWorker.js', 'dist/node/parseWorker.js', 'dist/web/parser.js', 'dist/node/parser.js'].map((f) => path.join(ROOT, f));
    for (const file of bundles) assert.ok(fs.existsSync(file), `${file} is missing: run node esbuild.js --production`);
    for (const file of bundles) {
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(!/(^|[^\w$.])eval\s*\(/.test(text), `${file} calls eval(`);
      assert.ok(!/new\s+Function\s*\(/.test(text), `${file} contains new Function`);
      assert.ok(!/[^\w$.]Function\s*\(\s*["'`]/.test(text), `${file} builds a function from a string`);
    }
  });

  it('src/ makes no network calls: no fetch(, XMLHttpRequest, WebSocket or http(s) imports', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of fs.readdirSync(dir)) {
        const full = path.join(dir, name);
        if (fs.statSync(full).isDirectory()) walk(full);
        else if (/\.[cm]?[jt]s$/.test(name)) files.push(full);
      }
    };
    walk(path.join(ROOT, 'src'));
    assert.ok(files.length > 10);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const pattern of [/\bfetch\s*\(/, /XMLHttpRequest/, /\bWebSocket\b/, /\bsendBeacon\b/, /(from|require\()\s*['"](node:)?https?['"]/, /(from|require\()\s*['"](node:)?(net|tls|dgram)['"]/]) {
        assert.ok(!pattern.test(text), `${path.relative(ROOT, file)} matches ${pattern}`);
      }
    }
  });
});
