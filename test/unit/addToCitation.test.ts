import { strict as assert } from 'node:assert';
import { addToCitation } from '../../src/core/citations/addToCitation';
import type { CitationSyntax } from '../../src/core/citations/types';

/** Applies the edit at `|` and returns the text, or undefined when the cursor is not in a citation. */
function add(marked: string, syntax: CitationSyntax, keys: string[]): string | undefined {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const edit = addToCitation(text, offset, syntax, keys);
  return edit && text.slice(0, edit.at) + edit.text + text.slice(edit.at);
}

describe('adding to a citation in place', () => {
  const table: Array<[string, CitationSyntax, string[], string | undefined]> = [
    ['See [@a|] now', 'pandoc', ['b'], 'See [@a; @b] now'],
    ['See [@a, p. 3|] now', 'pandoc', ['b', 'c'], 'See [@a, p. 3; @b; @c] now'],
    ['See [|@a]', 'pandoc', ['a'], 'See [@a]'],
    ['@a|b says', 'pandoc', ['c'], '@ab [@c] says'],
    ['\\cite{a|}', 'latex', ['b'], '\\cite{a,b}'],
    ['\\citep[p. 3]{a, b|}', 'latex', ['c'], '\\citep[p. 3]{a, b, c}'],
    ['\\cite{|}', 'latex', ['b'], '\\cite{b}'],
    ['\\cite{a}|', 'latex', ['b'], undefined],
    ['#cite(<a|>)', 'typst', ['b/c'], '#cite(<a>) #cite(label("b/c"))'],
    ['@a|b', 'typst', ['c'], '@ab @c'],
    ['no citation| here', 'pandoc', ['b'], undefined],
  ];
  for (const [marked, syntax, keys, expected] of table) {
    it(`${syntax} ${JSON.stringify(marked)} + ${keys.join(',')}`, () => assert.equal(add(marked, syntax, keys), expected));
  }
});
