// The fast path of the BibTeX parser (src/core/sources/bibFastValues.ts) against the careful one (citation-js's
// field grammar for every value): the same papers and problems, entry by entry, on every fixture file, on the
// embedded corpus written out as BibTeX, and on a synthetic library built from the corpus; and the same value,
// field by field, wherever the fast reader accepts one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseBibFile } from '@citation-js/plugin-bibtex/lib/input/file.js';
import { parse as parseFieldValue } from '@citation-js/plugin-bibtex/lib/input/value.js';
import type { DraftParseResult, Paper } from '../../src/core/model';
import { toBibtex } from '../../src/core/render/bibtex';
import { runToEnd } from '../../src/core/slices';
import { scanBibBlockSteps } from '../../src/core/sources/bibScanner';
import { fastFieldValue } from '../../src/core/sources/bibFastValues';
import { parseBibtexSteps } from '../../src/core/sources/bibtex';
import { loadEmbeddedCorpus } from '../../src/core/sources/corpus';
import { withUnicodeFields } from '../../src/core/text/latexToUnicode';
import { corpusMaterial, generateBibtex } from '../../bench/generate';

const FIXTURES = path.resolve(process.cwd(), 'test', 'fixtures', 'bib');
const CORPUS = path.resolve(process.cwd(), 'media', 'corpus');

function bibFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? bibFiles(path.join(dir, d.name)) : d.name.endsWith('.bib') ? [path.join(dir, d.name)] : []))
    .sort();
}

function bothPaths(text: string, source: string): { fast: DraftParseResult; careful: DraftParseResult } {
  return {
    fast: runToEnd(parseBibtexSteps(text, source)),
    careful: runToEnd(parseBibtexSteps(text, source, { fastValues: false })),
  };
}

/** Entry by entry, so that a difference names the entry; then the problems, in full. */
function assertSameResult(text: string, source: string): number {
  const { fast, careful } = bothPaths(text, source);
  const byKey = (r: DraftParseResult) => r.papers.map((p) => p.key ?? `line ${p.origin.line}`);
  assert.deepEqual(byKey(fast), byKey(careful), `${source}: the same entries, in the same order`);
  fast.papers.forEach((paper, i) => assert.deepStrictEqual(paper, careful.papers[i], `${source}: entry "${paper.key}" (line ${paper.origin.line})`));
  assert.deepStrictEqual(fast.problems, careful.problems, `${source}: the same problems`);
  return fast.papers.length;
}

/** Every field value of every entry citation-js's file grammar reads in `text`, as written and after latexToUnicode. */
function fieldValues(text: string): Array<[string, string]> {
  const values: Array<[string, string]> = [];
  for (const block of runToEnd(scanBibBlockSteps(text.replace(/\r\n?/g, '\n')))) {
    if (block.unterminated || ['comment', 'preamble', 'string'].includes(block.type)) continue;
    let raws;
    try {
      raws = parseBibFile(block.text);
    } catch {
      continue;
    }
    for (const raw of raws) {
      for (const entry of [raw, withUnicodeFields(raw)]) {
        for (const [field, value] of Object.entries(entry.properties)) if (value !== '') values.push([field, String(value)]);
      }
    }
  }
  return values;
}

/** Compares the fast reader with citation-js's on each value; returns how many it read itself. */
function assertSameValues(values: Array<[string, string]>, where: string): number {
  let read = 0;
  for (const [field, value] of values) {
    const fast = fastFieldValue(value, field);
    if (fast === undefined) continue;
    read++;
    let careful: unknown;
    try {
      careful = parseFieldValue(value, field);
    } catch (e) {
      assert.fail(`${where}: the fast reader read ${field} = ${JSON.stringify(value)}, which citation-js rejects (${String(e).split('\n')[0]})`);
    }
    assert.deepStrictEqual(fast, careful, `${where}: ${field} = ${JSON.stringify(value)}`);
  }
  return read;
}

describe('BibTeX fast path: the same result as the careful path', () => {
  const files = bibFiles(FIXTURES);

  it('finds the 110 fixture files', () => {
    assert.equal(files.length, 110);
  });

  it('gives identical papers and problems, entry by entry, on every fixture file', function () {
    this.timeout(120000);
    let papers = 0;
    for (const file of files) papers += assertSameResult(fs.readFileSync(file, 'utf8'), path.relative(FIXTURES, file));
    assert.ok(papers > 1000, `fixtures hold over a thousand papers (${papers})`);
  });

  it('reads each field value exactly as citation-js does, and most of them itself', function () {
    this.timeout(120000);
    let total = 0;
    let read = 0;
    for (const file of files) {
      const values = fieldValues(fs.readFileSync(file, 'utf8'));
      total += values.length;
      read += assertSameValues(values, path.relative(FIXTURES, file));
    }
    assert.ok(read / total > 0.7, `the fast reader reads ${read} of ${total} fixture values`);
  });

  it('gives identical papers on the embedded corpus written out as BibTeX', () => {
    const corpus = loadEmbeddedCorpus(
      fs.readFileSync(path.join(CORPUS, 'efficient-llm-papers.txt'), 'utf8'),
      fs.readFileSync(path.join(CORPUS, 'papers-metadata.json'), 'utf8'),
    );
    const text = corpus.papers.map((p, i) => toBibtex({ ...p, key: p.key ?? `corpus${i}`, topics: [] } as Paper)).join('\n');
    assert.equal(assertSameResult(text, 'corpus.bib'), 75);
    assertSameValues(fieldValues(text), 'corpus.bib');
  });

  it('gives identical papers on a synthetic library built from the corpus', function () {
    this.timeout(60000);
    const text = generateBibtex(300, 7, corpusMaterial());
    assert.equal(assertSameResult(text, 'synthetic.bib'), 300);
    const values = fieldValues(text);
    assert.equal(assertSameValues(values, 'synthetic.bib'), values.length, 'the synthetic library is all plain values');
  });
});

describe('BibTeX fast path: field values at the edges of the grammar', () => {
  // [field, value, read by the fast reader?]
  const cases: Array<[string, string, boolean]> = [
    ['title', 'Plain words', true],
    ['title', '  Spaces \t\n and   runs  ', true],
    ['title', 'Pages 1--2, 1---2, ``quoted\'\'', true],
    ['title', 'Not a ligature: -{-}, `{}`', true],
    ['title', '{BERT}: {{Nested} Braces}', true],
    ['title', '50\\% of \\&c. \\#1 \\$5 \\_x \\{y\\}', true],
    ['title', '50\\%   then spaces, 50\\%\ta tab', true],
    ['title', 'Non~breaking ~ spaces~', true],
    ['title', 'Unbalanced } brace', false],
    ['title', 'Unclosed { brace', false],
    ['title', 'Math $x^2$', false],
    ['title', 'A \\emph{command}', false],
    ['title', 'A trailing backslash \\', false],
    ['abstract', 'Line one\nline two', true],
    ['author', 'Doe, Jane and Roe, Rick', true],
    ['author', 'Jane Doe and Rick van der Roe and others', true],
    ['author', 'van der Berg, Jr., Hans-Peter and de la Cruz, Maria', true],
    ['author', '  Doe, Jane  AND  Roe , Rick ', true],
    ['author', '{Barnes and Noble} and {\\"O}zt{\\"u}rk, A.', false],
    ['author', '{Barnes and Noble} and A{-}B C', true],
    ['author', 'Doe, Jane and ', true],
    ['author', 'Jean-{Pierre} {de la} Fontaine', true],
    ['author', 'given=Jane, family=Doe', false],
    ['author', '123 456 and -x', true],
    ['editor', 'A. B. C. Doe and Roe', true],
    ['keywords', 'deep learning, {a, b}, ,, x ', true],
    ['keywords', 'one,two , three,', true],
    ['publisher', 'ACM and IEEE and {Barnes and Noble}', true],
    ['publisher', 'Springer and ', true],
    ['location', ' and ', true],
    ['doi', '10.1000/xyz_{1}', false],
    ['doi', '10.1000/xyz~1', true],
    ['url', 'https://example.org/a b?x=1%20', true],
    ['url', 'https://example.org/%zz', true],
    ['year', '2020', true],
    ['unknownfield', 'Whatever -- it is', true],
    ['language', 'english and german', true],
  ];
  for (const [field, value, fast] of cases) {
    it(`${field} = ${JSON.stringify(value)}: ${fast ? 'read fast, as citation-js reads it' : 'left to citation-js'}`, () => {
      const got = fastFieldValue(value, field);
      if (!fast) {
        assert.equal(got, undefined);
        return;
      }
      assert.notEqual(got, undefined, 'the fast reader reads it');
      assert.deepStrictEqual(got, parseFieldValue(value, field));
    });
  }
});
