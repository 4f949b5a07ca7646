import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { declaredBibliographies } from '../../src/core/citations/bibliographies';
import type { CitationSyntax } from '../../src/core/citations/types';

const FIXTURES = join(process.cwd(), 'test/fixtures/citations');

describe('declared bibliographies', () => {
  const table: Array<[string, CitationSyntax, string[]]> = [
    ['---\ntitle: x\nbibliography: [a.bib, ../b.json]\n---\ntext', 'pandoc', ['a.bib', '../b.json']],
    ['---\nbibliography: refs.bib\n---\n', 'pandoc', ['refs.bib']],
    ['---\nbibliography:\n  - one.bib\n  - two.bib\n---\n', 'pandoc', ['one.bib', 'two.bib']],
    ['bibliography: not front matter\n', 'pandoc', []],
    ['---\ntitle: [broken\n---\n', 'pandoc', []],
    ['\\bibliography{../library/references, x.bib}', 'latex', ['../library/references.bib', 'x.bib']],
    ['% \\addbibresource{no.bib}\n\\addbibresource[label=x]{yes.bib}', 'latex', ['yes.bib']],
    ['#bibliography("refs.bib")', 'typst', ['refs.bib']],
    ['// #bibliography("no.bib")\n#bibliography(("a.bib", "b.bib"), style: "apa")', 'typst', ['a.bib', 'b.bib']],
  ];
  for (const [text, syntax, expected] of table) {
    it(`${syntax} ${JSON.stringify(text.slice(0, 50))}`, () => assert.deepEqual(declaredBibliographies(text, syntax), expected));
  }

  it('reads them from the fixture documents', () => {
    const read = (file: string, syntax: CitationSyntax) => declaredBibliographies(readFileSync(join(FIXTURES, file), 'utf8'), syntax);
    assert.deepEqual(read('paper.md', 'pandoc'), ['refs.bib', '../library/references.bib']);
    assert.deepEqual(read('analysis.qmd', 'pandoc'), ['refs.bib']);
    assert.deepEqual(read('report.Rmd', 'pandoc'), []);
    assert.deepEqual(read('paper.tex', 'latex'), ['refs.bib']);
  });
});
