/**
 * One file read in parts by several workers (fileParts, parseBibtexPartSteps,
 * joinParts) must give what one reader gives: the same papers at the same
 * lines, the same problems.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileParts, joinParts } from '../../src/core/load/fileParts';
import type { DraftParseResult, Problem } from '../../src/core/model';
import { parseBibtexBytesSteps, parseBibtexPartSteps } from '../../src/core/sources/bibtex';
import { runToEnd } from '../../src/core/slices';
import { corpusMaterial, generateBibtex } from '../../bench/generate';
import { fixtureNames } from './helpers/oracle';

const BIB_FIXTURES = path.resolve(process.cwd(), 'test', 'fixtures', 'bib');
const enc = new TextEncoder();

const byLine = (papers: DraftParseResult['papers']) => [...papers].sort((a, b) => (a.origin.line ?? 0) - (b.origin.line ?? 0));
const problemsOf = (problems: Problem[]) => problems.map((p) => `${p.line}|${p.severity}|${p.message}`).sort();

/** The file read in `count` parts (windows of `windowBytes`), or undefined when it is not cut or a part ends inside a block. */
function inParts(bytes: Uint8Array, count: number, windowBytes: number): DraftParseResult | undefined {
  const parts = fileParts(bytes, count, 0);
  if (parts.length < 2) return undefined;
  const results = parts.map((part) => runToEnd(parseBibtexPartSteps(bytes, part, 'lib.bib', {}, windowBytes)));
  if (results.some((r) => r.undecided)) return undefined;
  return joinParts(results.map(({ papers, problems }) => ({ papers, problems })), 'lib.bib');
}

function assertSameAsWhole(bytes: Uint8Array, count: number, windowBytes: number, label: string): boolean {
  const got = inParts(bytes, count, windowBytes);
  if (!got) return false;
  const whole = runToEnd(parseBibtexBytesSteps(bytes, 'lib.bib', {}, windowBytes));
  assert.deepEqual(byLine(got.papers), byLine(whole.papers), `${label}: papers`);
  assert.deepEqual(problemsOf(got.problems), problemsOf(whole.problems), `${label}: problems`);
  return true;
}

describe('one BibTeX file read in parts', () => {
  it('cuts at entry starts, into parts of about equal size, not small or UTF-16 files, and sends JabRef files to one reader', () => {
    const bytes = enc.encode(generateBibtex(300, 5, corpusMaterial()));
    const parts = fileParts(bytes, 3, 0);
    assert.equal(parts.length, 3);
    assert.equal(parts[0].start, 0);
    assert.equal(parts[2].end, bytes.length);
    for (const [i, part] of parts.entries()) {
      if (i > 0) assert.equal(bytes[part.start], 0x40, 'a part starts at an @');
      if (i > 0) assert.equal(bytes[part.start - 1], 0x0a, 'at the start of a line');
      assert.ok(Math.abs(part.end - part.start - bytes.length / 3) < bytes.length / 10, 'about a third');
    }
    assert.deepEqual(fileParts(bytes, 3), [], 'under PARTS_MIN_BYTES: whole');
    // A JabRef file is cut, but its parts say it must be read whole (its group tree is needed by every entry).
    const jabref = enc.encode(new TextDecoder().decode(bytes) + '@Comment{jabref-meta: grouping:\n}\n');
    assert.equal(inParts(jabref, 3, 4096), undefined);
    assert.deepEqual(fileParts(Uint8Array.from([0xff, 0xfe, ...bytes]), 3, 0), []);
  });

  it('gives every fixture file that can be cut the papers and problems of one reader, in 2 and 3 parts', function () {
    this.timeout(120000);
    let compared = 0;
    for (const name of fixtureNames(BIB_FIXTURES)) {
      const bytes = fs.readFileSync(path.join(BIB_FIXTURES, name));
      for (const count of [2, 3]) if (assertSameAsWhole(bytes, count, 4096, `${name} in ${count} parts`)) compared++;
    }
    assert.ok(compared >= 100, `${compared} fixture readings compared`);
  });

  it('keeps macros, lines, crossref parents and the first of a repeated key across parts', () => {
    const filler = (from: number) => Array.from({ length: 100 }, (_, i) => `@article{f${from + i}, title = {Filler ${from + i}}, year = 2000}`);
    const text = [
      '@string{pub = "ACM Press"}',
      '@inproceedings{child, title = {Child Paper}, author = {Ann Smith}, crossref = {proc}}',
      '@article{twice, title = {First of a key}, publisher = pub}',
      ...filler(0),
      '@article{twice, title = {Second of a key}}',
      ...filler(100),
      '@proceedings{proc, title = {Proceedings of Things}, booktitle = {Proceedings of Things}, year = 2019, publisher = pub}',
      '@article{late, title = {Late}, publisher = pub}',
    ].join('\n');
    const bytes = enc.encode(text);
    assert.ok(assertSameAsWhole(bytes, 3, 512, 'crafted'));
    const got = inParts(bytes, 3, 512)!;
    assert.equal(got.papers.find((p) => p.key === 'child')?.year, 2019, 'the child inherits from a parent in another part');
    assert.equal(got.papers.find((p) => p.key === 'late')?.publisher, 'ACM Press', 'a macro from the first part');
    assert.equal(got.papers.filter((p) => p.key === 'twice').length, 1);
    assert.equal(got.papers.find((p) => p.key === 'late')?.origin.line, text.split('\n').length);
  });

  it('says when a part ends inside a block (a multi-line @comment quoting entries), so the file is read whole', () => {
    const entries = Array.from({ length: 60 }, (_, i) => `@article{k${i}, title = {Paper ${i}}}`);
    const text = ['@comment{', ...entries, '}', '@article{after, title = {After}}'].join('\n');
    const bytes = enc.encode(text);
    const parts = fileParts(bytes, 2, 0);
    assert.equal(parts.length, 2);
    assert.equal(runToEnd(parseBibtexPartSteps(bytes, parts[0], 'lib.bib', {}, 256)).undecided, true);
    assert.equal(inParts(bytes, 2, 256), undefined);
  });
});
