import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { citationSyntaxFor } from '../../src/core/citations/language';
import { citedKeys, keyAt, scanCitations } from '../../src/core/citations/scan';
import type { CitationSyntax } from '../../src/core/citations/types';
import type { Paper } from '../../src/core/model';
import { DEFAULT_CITATION_FORMATS, renderCitation, typstCite } from '../../src/core/render/citations';

const FIXTURES = join(process.cwd(), 'test/fixtures/citations');

function keysIn(text: string, syntax: CitationSyntax): string[] {
  const keys = citedKeys(scanCitations(text, syntax));
  // Independent check: every range holds exactly its key.
  for (const k of keys) assert.equal(text.slice(k.start, k.end), k.key, `range ${k.start}-${k.end} of "${k.key}"`);
  return keys.map((k) => k.key);
}

describe('citation syntax: realistic documents', () => {
  const cases: Array<[string, string[]]> = [
    ['paper.md', ['frantar2023sparsegpt', 'sun2024wanda', 'hu2021lora', 'dettmers2023qlora', 'dettmers2023qlora', 'ashkboos2024:slice.gpt',
      'xia-2023/flash+llm', 'kwon2023pagedattention', 'leviathan2022speculative', 'list_continuation_is_text', 'dao2022flashattention']],
    ['analysis.qmd', ['dao2022flashattention', 'kwon2023pagedattention', 'leviathan2022speculative', 'leviathan2022speculative']],
    ['report.Rmd', ['frantar2022gptq', 'dettmers2022llmint8']],
    ['paper.tex', ['frantar2023sparsegpt', 'sun2024wanda', 'hu2021lora', 'dettmers2022llmint8', 'dettmers2023qlora', 'frantar2022gptq',
      'dao2022flashattention', 'kwon2023pagedattention', 'leviathan2022speculative', 'ashkboos2024slicegpt', 'xia2023flashllm']],
    ['paper.typ', ['frantar2023sparsegpt', 'hu2021lora', 'dettmers2023qlora', 'sun2024:wanda', 'dao2022flashattention', 'zhang2024quoted', 'kwon2023pagedattention']],
  ];
  for (const [file, expected] of cases) {
    it(`${file}: every key, and nothing in code, comments, URLs or e-mails`, () => {
      const syntax = citationSyntaxFor('plaintext', file);
      assert.ok(syntax, `no syntax for ${file}`);
      assert.deepEqual(keysIn(readFileSync(join(FIXTURES, file), 'utf8'), syntax), expected);
    });
  }
});

describe('citation syntax: pandoc', () => {
  const table: Array<[string, string[]]> = [
    ['[@a; @b, p. 33]', ['a', 'b']],
    ['[-@a]', ['a']],
    ['@doe99.', ['doe99']],
    ['@doe99:', ['doe99']],
    ['@a--b', ['a']],
    ['@{braced key}', ['braced key']],
    ['me@example.com', []],
    ['<me@example.com>', []],
    ['`@a`', []],
    ['``@a ` b``', []],
    ['https://example.com/@a', []],
    ['[x](https://x/@a)', []],
    ['\\@a', []],
    ['a @ b', []],
    ['@fig-one and @tbl-two and @sec:three', []],
    ['<!-- @a -->', []],
    ['~~~\n@a\n~~~\n@b', ['b']],
    ['````\n```\n@a\n````', []],
    ['para\n\n    @a\n\ntext @b', ['b']],
  ];
  for (const [text, keys] of table) it(`${JSON.stringify(text)} → ${JSON.stringify(keys)}`, () => assert.deepEqual(keysIn(text, 'pandoc'), keys));

  it('groups a bracketed citation and knows where a new key goes', () => {
    const text = 'See [@a; @b] and @c.';
    const [group, narrative] = scanCitations(text, 'pandoc');
    assert.equal(group.form, 'bracketed');
    assert.equal(text.slice(group.start, group.end), '[@a; @b]');
    assert.equal(text[group.listEnd as number], ']');
    assert.equal(narrative.form, 'narrative');
    assert.equal(text.slice(narrative.start, narrative.end), '@c');
  });
});

describe('citation syntax: LaTeX', () => {
  const table: Array<[string, string[]]> = [
    ['\\cite{a}', ['a']],
    ['\\cite{a, b ,c}', ['a', 'b', 'c']],
    ['\\citep*[see][p. 1]{a}', ['a']],
    ['\\Textcite{a}', ['a']],
    ['\\autocites(pre)(post)[1]{a}[2]{b}{c} {d}', ['a', 'b', 'c']],
    ['\\volcite{3}{a}', ['a']],
    ['% \\cite{a}', []],
    ['50\\% \\cite{a}', ['a']],
    ['\\\\% \\cite{a}', []],
    ['\\verb+\\cite{a}+', []],
    ['\\begin{lstlisting}\n\\cite{a}\n\\end{lstlisting}', []],
    ['\\citestyle{a}', []],
    ['\\nocite{*}', []],
  ];
  for (const [text, keys] of table) it(`${JSON.stringify(text)} → ${JSON.stringify(keys)}`, () => assert.deepEqual(keysIn(text, 'latex'), keys));
});

describe('citation syntax: Typst', () => {
  const table: Array<[string, string[]]> = [
    ['@a', ['a']],
    ['@a.', ['a']],
    ['@a:b:', ['a:b']],
    ['#cite(<a>)', ['a']],
    ['#cite(label("a/b"), form: "prose")', ['a/b']],
    ['a@b.org', []],
    ['`@a`', []],
    ['// @a', []],
    ['#import "@preview/x:0.1.0"', []],
    ['= H <h>\n@h', []],
    ['#figure([x], caption: [@a])', ['a']],
    ['#{ let x = "@a"; cite(<b>) }', ['b']],
  ];
  for (const [text, keys] of table) it(`${JSON.stringify(text)} → ${JSON.stringify(keys)}`, () => assert.deepEqual(keysIn(text, 'typst'), keys));
});

describe('citation syntax: finding the key under the cursor', () => {
  it('finds a key by any offset in it, ends included, and nothing between keys', () => {
    const text = 'x [@ab; @cd] y';
    const citations = scanCitations(text, 'pandoc');
    assert.equal(keyAt(citations, text.indexOf('ab'))?.key, 'ab');
    assert.equal(keyAt(citations, text.indexOf('cd') + 2)?.key, 'cd');
    assert.equal(keyAt(citations, text.indexOf(';') + 1), undefined);
    assert.equal(keyAt(citations, 0), undefined);
  });
});

describe('citation syntax: what LitNotes inserts it reads again (property)', () => {
  const word = fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/);
  // Keys as libraries write them: word characters with inner punctuation that both pandoc and BibTeX accept.
  const key = fc.tuple(word, fc.array(fc.tuple(fc.constantFrom(':', '.', '-', '/', '+'), word), { maxLength: 3 }))
    .map(([head, rest]) => head + rest.map(([p, w]) => p + w).join(''));
  // Prose starts with a letter: a line of four spaces before the citation would make it an indented code block, where no citation is read.
  const prose = fc.stringMatching(/^([A-Za-z][A-Za-z ,.;()]{0,29})?$/);
  const paper = (k: string): Paper => ({ key: k, title: 'T', authors: [], keywords: [], topics: [], origin: { source: 's', kind: 'bibtex' } });

  for (const [format, syntax] of [['pandoc', 'pandoc'], ['latex', 'latex'], ['typst', 'typst']] as const) {
    it(`${format} citations in prose scan back to their keys, with exact ranges`, () => {
      fc.assert(fc.property(fc.uniqueArray(key, { minLength: 1, maxLength: 5 }), prose, prose, (keys, before, after) => {
        const citation = renderCitation(keys.map(paper), DEFAULT_CITATION_FORMATS[format]);
        const text = `${before} ${citation} ${after}`;
        assert.deepEqual(keysIn(text, syntax), keys);
      }));
    });
  }

  it('Typst gets @key where Typst reads the key after @, and #cite(label(..)) where it would not', () => {
    assert.equal(typstCite('hu2021lora'), '@hu2021lora');
    assert.equal(typstCite('a:b.c'), '@a:b.c');
    assert.equal(typstCite('smith.'), '#cite(label("smith."))');
    assert.equal(typstCite('a/b+c'), '#cite(label("a/b+c"))');
    for (const key of ['smith.', 'a/b+c']) assert.deepEqual(keysIn(`see ${typstCite(key)}.`, 'typst'), [key]);
  });

  it('scanning never throws and every range holds its key, for any text', () => {
    const anyText = fc.string({ unit: fc.constantFrom('@', '[', ']', ';', '{', '}', '\\', 'c', 'i', 't', 'e', '`', '%', '#', '(', ')', '<', '>', '"', '\n', ' ', 'a', '-', '/', '*', '$') , maxLength: 80 });
    fc.assert(fc.property(anyText, fc.constantFrom<CitationSyntax>('pandoc', 'latex', 'typst'), (text, syntax) => {
      keysIn(text, syntax);
    }));
  });
});
