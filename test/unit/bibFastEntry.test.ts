// The fast entry reader (src/core/sources/bibFastEntry.ts) against citation-js's file grammar: wherever the
// fast reader reads an entry or an @string, it reads what the grammar reads, on every block of every fixture
// file, on hand-made edge cases, and on generated ones. (bibFastPath.test.ts compares whole parses.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { parse as parseBibFile } from '@citation-js/plugin-bibtex/lib/input/file.js';
import { runToEnd } from '../../src/core/slices';
import { scanBibBlockSteps } from '../../src/core/sources/bibScanner';
import { defaultMacros, fastMacro, fastRawEntry, type Macros } from '../../src/core/sources/bibFastEntry';

const FIXTURES = path.resolve(process.cwd(), 'test', 'fixtures', 'bib');

function bibFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? bibFiles(path.join(dir, d.name)) : d.name.endsWith('.bib') ? [path.join(dir, d.name)] : []))
    .sort();
}

/** The grammar's entry for `text` after the @string blocks of `prefix`; undefined when it reads none or throws. */
function grammarEntry(prefix: string, text: string): unknown {
  try {
    const raws = parseBibFile(`${prefix}${text}`);
    return raws.length === 1 ? raws[0] : undefined;
  } catch {
    return undefined;
  }
}

/** Asserts the fast reader reads `text` as the grammar does, or leaves it to the grammar; true when it read it. */
function agrees(text: string, macros: Macros | undefined = defaultMacros(), prefix = '', where = text): boolean {
  const fast = fastRawEntry(text, macros);
  if (fast === undefined) return false;
  assert.deepStrictEqual(fast, grammarEntry(prefix, text), where);
  return true;
}

describe('BibTeX fast entry reader', () => {
  it('reads every fixture entry it accepts as the grammar does, following each file\'s @string macros', () => {
    let read = 0;
    let entries = 0;
    let macrosRead = 0;
    for (const file of bibFiles(FIXTURES)) {
      const text = fs.readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      let macros: Map<string, string | number> | undefined = defaultMacros();
      let prefix = '';
      for (const block of runToEnd(scanBibBlockSteps(text))) {
        if (block.unterminated || block.type === 'comment' || block.type === 'preamble') continue;
        const where = `${path.relative(FIXTURES, file)}, line ${block.line}`;
        if (block.type === 'string') {
          const macro = fastMacro(block.text, macros);
          if (macro) {
            // The grammar's own reading of the macro: an entry that uses it, after the same prefix.
            const probe = grammarEntry(`${prefix}${block.text}\n`, `@misc{probe, x = ${macro[0]}}`) as { properties: { x: unknown } } | undefined;
            assert.deepStrictEqual(probe?.properties.x, macro[1] || '', where);
            macros?.set(...macro);
            macrosRead++;
          } else {
            macros = undefined;
          }
          if (grammarEntry(prefix, `${block.text}\n@misc{probe, x = {}}`) !== undefined) prefix += `${block.text}\n`;
          continue;
        }
        entries++;
        if (agrees(block.text, macros, prefix, where)) read++;
      }
    }
    // The fast path must carry the common case, or it is not one.
    console.log(`      ${read} of ${entries} entries, ${macrosRead} macros read by the fast reader`);
    assert.ok(entries > 1000, `${entries} entries in the fixtures`);
    assert.ok(read / entries > 0.8, `${read} of ${entries} entries read by the fast reader`);
    assert.ok(macrosRead > 10, `${macrosRead} @string macros read by the fast reader`);
  });

  it('reads the usual shapes: braces, quotes, numbers, joins, months, parentheses, comments, a trailing comma', () => {
    const cases = [
      '@article{a1, title = {A {GPU} Study}, year = 2020}',
      '@Article{a2,\n  Title = "Quoted {with} braces",\n  Pages = {1--10},\n}',
      '@book(b1, author = {Doe, J.}, note = "part " # {two} # " and " # 3)',
      '@misc{m1, month = jan, year = -12, note = 007}',
      '@misc{m2, month = Dec # "~1st", unknown = nomacro}',
      '@misc{c1, % a comment\n  title = {x}, % another\n  year = 1999 % last\n}',
      '@misc{e1, title = {Escaped \\{ brace \\} and \\\\}, abstract = "a \\{ b } c"}',
      '@misc{d1, title = {first}, TITLE = {second}, note = {}}',
      '@misc{w1,title={x},year={2021}}',
      '@misc {  spaced  ,  title  =  { x }  }',
      '@misc{n1,}',
      '@misc{u1, title = {Ünïcödé — dash}, note = "ok"}\u00a0',
    ];
    for (const text of cases) assert.ok(agrees(text), `read by the fast reader: ${text}`);
  });

  it('leaves to the grammar what it cannot be sure of', () => {
    const deferred = [
      '@misc{a, author+an = {1=highlight}}', // an annotation
      '@misc{b, title = {x})', // delimiters that do not pair
      '@misc{c, title = {x}} trailing', // text after the entry
      '@misc{d, title = constructor}', // a macro named like Object's own keys
      '@misc{e, pages = 12-34}', // a bare range
      '@misc{f title = {x}}', // no comma after the key
      '@misc{g}', // no comma at all
      '@misc{{h}, title = {x}}', // a key in braces
      '@string{s = {x}}', // not an entry
      '@stringent{s, title = {x}}', // the grammar reads "string" first
      '@comments{c, title = {x}}', // the grammar reads it as a comment
      '@misc{i, title = {unclosed}',
      '@misc{j, title = "unclosed}',
    ];
    for (const text of deferred) {
      assert.equal(fastRawEntry(text, defaultMacros()), undefined, text);
    }
    // A macro is read only while the macros in force are known.
    assert.equal(fastRawEntry('@misc{k, journal = jan}', undefined), undefined);
    assert.ok(agrees('@misc{k, journal = {jan}}', undefined));
  });

  it('reads @string macros as the grammar does, an entry after them too', () => {
    const prefix = '@string{ACL = "Proceedings of " # acl2}\n@string{acl2 = {ACL}}\n@string{zero = 0}\n@string{n = 12}\n';
    const macros = defaultMacros();
    for (const block of prefix.trim().split('\n')) {
      const macro = fastMacro(block, macros);
      assert.ok(macro, block);
      macros.set(...macro);
    }
    assert.deepEqual(macros.get('acl'), 'Proceedings of ', 'acl2 was not defined yet');
    assert.ok(agrees('@misc{p, booktitle = ACL # ", " # acl2, volume = n, pages = zero, month = feb}', macros, prefix));
    assert.equal(fastMacro('@string{constructor = {x}}', macros), undefined);
    assert.equal(fastMacro('@string{x = {a}', macros), undefined);
    assert.equal(fastMacro('@misc{x, y = {a}}', macros), undefined);
  });

  it('agrees with the grammar on generated entries', () => {
    const gap = fc.constantFrom('', ' ', '\n  ', '\t', ' % note\n', '\u00a0');
    const name = fc.constantFrom('title', 'Year', 'note', 'author', 'x_y', 'a:b', 'pages', 'constructor', 'f+an', 'm-1');
    const part = fc.constantFrom('{text}', '{A {B} c}', '"q {x} \\" r"', '"a}b"', '{\\{}', '{\\\\}', '2020', '-3', 'jan', 'nomacro', '{', '"', '{}', '""', 'x y');
    const value = fc.array(part, { minLength: 1, maxLength: 3 }).chain((parts) => gap.map((g) => parts.join(`${g}#${g}`)));
    const field = fc.tuple(name, gap, value, gap).map(([n, g, v, g2]) => `${n}${g}=${g2}${v}`);
    const entry = fc.tuple(
      fc.constantFrom('article', 'Misc', 'inProceedings', 'string', 'comment'),
      fc.constantFrom('{', '('),
      fc.constantFrom('key1', 'Key:2020', 'k}', 'a%b', ''),
      fc.array(field, { maxLength: 4 }),
      fc.constantFrom(',', ''),
      gap,
      fc.constantFrom('}', ')'),
    ).map(([type, open, key, fields, comma, g, close]) => `@${type}${open}${key},${g}${fields.join(`,${g}`)}${comma}${g}${close}`);
    fc.assert(fc.property(entry, (text) => {
      agrees(text);
    }), { numRuns: 2000 });
  });
});
