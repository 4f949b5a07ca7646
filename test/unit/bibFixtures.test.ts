// The BibTeX parser over the 110 real-world files in test/fixtures/bib (copied from public test suites; see its README),
// plus fuzzing of all three text parsers with random and mutated inputs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseBibtexSteps } from '../../src/core/sources/bibtex';
import { runToEnd } from '../../src/core/slices';
import { parseCslJson } from '../../src/core/sources/cslJson';
import { parseMarkdownNote } from '../../src/core/sources/markdownNotes';

// Tests run with cwd = repository root.
const FIXTURES = path.resolve(process.cwd(), 'test', 'fixtures', 'bib');
const COUNTS = path.resolve(process.cwd(), 'test', 'unit', 'fixtures', 'bibCounts.json');

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) {
      out.push(...listFiles(full));
    } else if (name.endsWith('.bib')) {
      out.push(full);
    }
  }
  return out.sort();
}

/** Relative fixture name with forward slashes, as used in bibCounts.json. */
function nameOf(file: string): string {
  return path.relative(FIXTURES, file).split(path.sep).join('/');
}

/**
 * A lower bound on the entries a parser must keep, computed without any
 * parser: entry headers at the start of a line (not @string/@comment/
 * @preamble/@xdata, not inside an @comment block) whose body, with braced and
 * quoted values blanked out, is exactly `key, name = value, ...` with values
 * that are braces, quotes, numbers or macro names joined by `#`. Entries
 * delimited by parentheses, or with anything unusual, are not counted.
 * Repeated keys count once.
 */
function wellFormedEntryCount(input: string): number {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\0/g, '');
  const header = /^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*([{(])/gm;
  const keys = new Set<string>();
  let m: RegExpExecArray | null;
  while ((m = header.exec(text)) !== null) {
    const type = m[1].toLowerCase();
    const bodyStart = m.index + m[0].length;
    const closed = closingBrace(text, bodyStart);
    if (type === 'comment') {
      if (closed > 0) {
        header.lastIndex = closed;
      }
      continue;
    }
    if (m[2] !== '{' || closed < 0 || ['string', 'preamble', 'xdata'].includes(type)) {
      continue;
    }
    const skeleton = skeletonOf(text.slice(bodyStart, closed - 1));
    const value = '(?:\\{\\}|""|\\d+|[A-Za-z_][\\w:+-]*)';
    const field = `[A-Za-z_][\\w:+-]*\\s*=\\s*${value}(?:\\s*#\\s*${value})*`;
    const shape = new RegExp(`^\\s*([^\\s,{}()"#%'=]+)\\s*,\\s*(?:${field}\\s*(?:,\\s*|$))*$`);
    const ok = shape.exec(skeleton);
    if (ok) {
      keys.add(ok[1]);
      header.lastIndex = closed;
    }
  }
  return keys.size;
}

/** Offset just past the brace closing the one opened before `from`, or -1 (also if a new header comes first). */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) {
        return i + 1;
      }
    }
  }
  return -1;
}

/** The entry body at brace depth 0 only: braced and quoted values become `{}` / `""`, `%` comments go. */
function skeletonOf(body: string): string {
  let out = '';
  let depth = 0;
  let inQuote = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      if (depth === 0 && !inQuote) {
        out += '{';
      }
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0 && !inQuote) {
        out += '}';
      }
    } else if (depth === 0 && c === '"') {
      inQuote = !inQuote;
      out += '"';
    } else if (depth === 0 && !inQuote) {
      if (c === '%') {
        const eol = body.indexOf('\n', i);
        i = eol < 0 ? body.length : eol - 1;
      } else {
        out += c;
      }
    }
  }
  return out;
}

describe('BibTeX fixtures (test/fixtures/bib)', () => {
  const files = fs.existsSync(FIXTURES) ? listFiles(FIXTURES) : [];
  const counts: Record<string, { kept: number; problems: number }> = JSON.parse(fs.readFileSync(COUNTS, 'utf8'));

  it('finds all 110 fixture files, and the recorded table covers exactly them', () => {
    assert.equal(files.length, 110, `expected 110 files under ${FIXTURES}`);
    assert.deepEqual(files.map(nameOf), Object.keys(counts).sort());
  });

  for (const name of Object.keys(counts).sort()) {
    it(`${name}: parses without throwing, keeps the recorded entries, reports the recorded problems`, () => {
      const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
      const result = runToEnd(parseBibtexSteps(text, name));
      assert.ok(Array.isArray(result.papers) && Array.isArray(result.problems));
      assert.deepEqual(
        { kept: result.papers.length, problems: result.problems.length },
        counts[name],
      );
      const floor = wellFormedEntryCount(text);
      assert.ok(
        result.papers.length >= floor,
        `kept ${result.papers.length} entries, but ${floor} are well-formed`,
      );
      for (const p of result.papers) {
        assert.equal(typeof p.title, 'string');
        assert.equal(p.origin.kind, 'bibtex');
        assert.ok(Number.isInteger(p.origin.line) && p.origin.line! >= 1);
      }
      for (const problem of result.problems) {
        assert.ok(Number.isInteger(problem.line) && problem.line! >= 1, problem.message);
        assert.ok(!problem.message.includes('\n'), 'a problem message is one line');
      }
    });
  }

  it('keeps every entry the independent count calls well-formed, over all files together', () => {
    let kept = 0;
    let floor = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      kept += runToEnd(parseBibtexSteps(text, nameOf(file))).papers.length;
      floor += wellFormedEntryCount(text);
    }
    assert.ok(floor > 900, `the independent count found only ${floor} entries`);
    assert.ok(kept >= floor);
  });
});

describe('fuzzing the text parsers', () => {
  const samples = [
    'autocomplete-bibtex/cross_ref.bib',
    'python-bibtexparser/article_with_strings.bib',
    'python-bibtexparser/xref_entries.bib',
    'python-bibtexparser/comments_spaces_and_declarations.bib',
  ]
    .map((name) => path.join(FIXTURES, name))
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file, 'utf8'));
  const csl = JSON.stringify(
    [
      { id: 'a', type: 'article-journal', title: 'A <i>title</i>', author: [{ family: 'Smith', given: 'Ann' }], issued: { 'date-parts': [[2020]] } },
      { id: 'b', title: 'B', author: [{ literal: 'Org' }], DOI: '10.1/x', URL: 'https://arxiv.org/abs/2101.00001', keyword: 'x, y' },
    ],
    null,
    2,
  );
  const note = '---\ntitle: "A: note"\nauthors:\n  - Ada Lovelace\n  - Turing, Alan\nyear: 1843\nkey: ada\ntopics: [x]\n---\n# Body\n';

  /** A text changed by deleting, inserting or duplicating characters. */
  const mutated = (base: string) =>
    fc
      .array(
        fc.record({
          op: fc.constantFrom('delete', 'insert', 'duplicate'),
          at: fc.nat(),
          len: fc.integer({ min: 1, max: 40 }),
          ch: fc.constantFrom('{', '}', '"', ',', '@', '=', '\n', '\\', '#', '%', ':', '-', '[', ']', '\0', 'é', 'x'),
        }),
        { minLength: 1, maxLength: 8 },
      )
      .map((ops) =>
        ops.reduce((text, { op, at, len, ch }) => {
          const i = text.length === 0 ? 0 : at % (text.length + 1);
          if (op === 'delete') {
            return text.slice(0, i) + text.slice(i + len);
          }
          if (op === 'insert') {
            return text.slice(0, i) + ch + text.slice(i);
          }
          return text.slice(0, i) + text.slice(i, i + len) + text.slice(i);
        }, base),
      );

  const parsers = [
    ['parseBibtex', (text: string, source: string) => runToEnd(parseBibtexSteps(text, source)), fc.constantFrom(...samples).chain(mutated)],
    ['parseCslJson', parseCslJson, mutated(csl)],
    ['parseMarkdownNote', parseMarkdownNote, mutated(note)],
  ] as const;

  for (const [name, parse, mutations] of parsers) {
    it(`${name} never throws on random text and returns arrays`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 })), (text) => {
          const r = parse(text, 'fuzz');
          return Array.isArray(r.papers) && Array.isArray(r.problems);
        }),
        { numRuns: 500 },
      );
    });

    it(`${name} never throws on mutated real inputs and returns arrays`, () => {
      fc.assert(
        fc.property(mutations, (text) => {
          const r = parse(text, 'fuzz');
          return Array.isArray(r.papers) && Array.isArray(r.problems);
        }),
        { numRuns: 500 },
      );
    });
  }
});
