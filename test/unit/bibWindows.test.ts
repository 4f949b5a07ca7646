/**
 * A BibTeX file read from its bytes a window at a time (parseBibtexBytesSteps)
 * must give what the whole decoded text gives: the same papers at the same
 * lines, the same problems. Small windows cut entries, lines, CRLFs and UTF-8
 * characters at every place they can be cut.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DraftParseResult, Problem } from '../../src/core/model';
import { parseBibtexBytesSteps, parseBibtexSteps } from '../../src/core/sources/bibtex';
import { decodeText } from '../../src/core/sources/decodeText';
import { runToEnd } from '../../src/core/slices';
import { fixtureNames } from './helpers/oracle';

const BIB_FIXTURES = path.resolve(process.cwd(), 'test', 'fixtures', 'bib');
const enc = new TextEncoder();

/** The whole text's parse, as the host read it before windows (decodeText, then the text parser). */
function whole(bytes: Uint8Array, source: string): DraftParseResult {
  const { text, problems } = decodeText(bytes, source);
  const result = runToEnd(parseBibtexSteps(text, source));
  return { papers: result.papers, problems: [...problems, ...result.problems] };
}

/** Problems compared by line, severity and message; the two NUL messages (decoding's and the parser's) count as one. */
function problemsOf(problems: Problem[]): string[] {
  return problems.map((p) => `${p.line}|${p.severity}|${/NUL bytes/.test(p.message) ? 'NUL' : p.message}`).sort();
}

function assertSame(bytes: Uint8Array, source: string, windowBytes: number, label: string): void {
  const expected = whole(bytes, source);
  const got = runToEnd(parseBibtexBytesSteps(bytes, source, {}, windowBytes));
  // A child that waits for its crossref parent comes at the end, and windows decide which wait.
  const byLine = (papers: DraftParseResult['papers']) => [...papers].sort((a, b) => (a.origin.line ?? 0) - (b.origin.line ?? 0));
  assert.deepEqual(byLine(got.papers), byLine(expected.papers), `${label}: papers`);
  assert.deepEqual(problemsOf(got.problems), problemsOf(expected.problems), `${label}: problems`);
}

describe('BibTeX read from bytes, a window at a time', () => {
  it('gives every fixture file the papers and problems of its whole text, with windows of 61 and 4096 bytes', function () {
    this.timeout(120000);
    const names = fixtureNames(BIB_FIXTURES);
    assert.ok(names.length >= 100);
    for (const name of names) {
      const bytes = fs.readFileSync(path.join(BIB_FIXTURES, name));
      for (const size of [61, 4096]) assertSame(bytes, name, size, `${name} in windows of ${size}`);
    }
  });

  it('cuts CRLF line ends, lone CRs, multi-byte characters and NUL bytes anywhere', () => {
    const text = '@string{j = "Jöurnal"}\n@article{a,\n  title = {Über Straße — ünïcödé 𝔘},\n  journal = j,\n  year = 2020\n}\n% a comment line\n@misc{b, title = {B\u0000ee}, note = {x}}\n@article{c, title = {Ça}, year = 2021}\n';
    for (const variant of [text, text.replace(/\n/g, '\r\n'), text.replace(/\n/g, '\r')]) {
      const bytes = enc.encode(variant);
      for (let size = 1; size <= 23; size++) assertSame(bytes, 'lib.bib', size, `${JSON.stringify(variant.slice(0, 30))} in windows of ${size}`);
    }
  });

  it('reports invalid UTF-8 once, at the line of the first bad byte', () => {
    const bytes = Uint8Array.from([...enc.encode('@article{a, title = {A}}\n@article{b,\n title = {B'), 0xff, ...enc.encode('}}\n@article{c, title = {C'), 0xc3, ...enc.encode('}}\n')]);
    const got = runToEnd(parseBibtexBytesSteps(bytes, 'lib.bib', {}, 5));
    assert.deepEqual(got.papers.map((p) => p.key), ['a', 'b', 'c']);
    assert.deepEqual(got.problems.map((p) => [p.line, p.severity]), [[3, 'warning']]);
    assert.match(got.problems[0].message, /not valid UTF-8/);
  });

  it('reads a block left open across many windows (an unclosed @comment) like the whole text, in one pass over the rest', () => {
    const entries = Array.from({ length: 300 }, (_, i) => `@article{k${i}, title = {Paper ${i}}, year = 2001}`);
    for (const text of [['@comment{ never closed', ...entries].join('\n'), ['@article{open, title = {never closed', ...entries].join('\n')]) {
      assertSame(enc.encode(text), 'lib.bib', 64, text.slice(0, 24));
    }
  });

  it('finds crossref parents read before their children asked for them, in another window', () => {
    const filler = Array.from({ length: 200 }, (_, i) => `@article{f${i}, title = {Filler ${i}}, year = 2000}`);
    const text = [
      '@proceedings{proc, title = {Proceedings of Things}, booktitle = {Proceedings of Things}, crossref = {series}}',
      '@mvproceedings{series, title = {Series of Things}, year = 2019, publisher = {ACM}}',
      ...filler,
      '@inproceedings{child, title = {Child Paper}, author = {Ann Smith}, crossref = {proc}}',
    ].join('\n');
    const bytes = enc.encode(text);
    assertSame(bytes, 'lib.bib', 128, 'crossref');
    const child = runToEnd(parseBibtexBytesSteps(bytes, 'lib.bib', {}, 128)).papers.find((p) => p.key === 'child');
    assert.equal(child?.year, 2019, 'inherited from the series, two steps up');
    assert.equal(child?.publisher, 'ACM');
  });

  it('reads UTF-16 files and files with a JabRef group tree whole, with their groups', () => {
    const jabref = '@article{a, title = {A}, keywords = {heat}}\n@Comment{jabref-meta: grouping:\n0 AllEntriesGroup:;\n1 KeywordGroup:Heat\\;0\\;keywords\\;heat\\;0\\;0\\;1\\;\\;\\;\\;;\n}\n';
    for (const text of [jabref, jabref.replace('jabref-meta', 'JabRef-Meta')]) {
      const got = runToEnd(parseBibtexBytesSteps(enc.encode(text), 'lib.bib', {}, 8));
      assert.deepEqual(got.papers.map((p) => p.statedTopics), [['Heat']]);
    }
    const le = Uint8Array.from([0xff, 0xfe, ...Array.from(jabref, (c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]).flat()]);
    assertSame(le, 'lib.bib', 8, 'UTF-16 LE');
  });
});
