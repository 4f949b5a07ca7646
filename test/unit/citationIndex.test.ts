import { strict as assert } from 'node:assert';
import { CitationIndex } from '../../src/core/citations/citationIndex';
import { runInSlices } from '../../src/core/slices';

describe('citation index: where the workspace cites a paper', () => {
  it('finds every place a key is cited, with line and character, across documents and syntaxes', async () => {
    const index = new CitationIndex();
    await runInSlices(index.addSteps([
      { id: 'b.tex', text: 'x\n  \\cite{a, b}\n', syntax: 'latex' },
      { id: 'a.md', text: '[@a]\n\nsee @a and @c', syntax: 'pandoc' },
      { id: 'c.typ', text: '@b', syntax: 'typst' },
    ]), 1);
    assert.deepEqual(index.places(new Set(['a'])), [
      { id: 'a.md', line: 0, character: 2, length: 1 },
      { id: 'a.md', line: 2, character: 5, length: 1 },
      { id: 'b.tex', line: 1, character: 8, length: 1 },
    ]);
    const own = (key: string) => key;
    assert.deepEqual(index.documentCounts(own), new Map([['a', 2], ['b', 2], ['c', 1]]));
    // 'c' is an alias of 'a': a.md cites the paper twice but counts once; an unknown key counts nowhere.
    const aliased = (key: string) => (key === 'c' ? 'a' : key === 'b' ? undefined : key);
    assert.deepEqual(index.documentCounts(aliased), new Map([['a', 2]]));
    assert.deepEqual([...index.allKeys()].sort(), ['a', 'b', 'c']);
    index.delete('b.tex');
    assert.equal(index.documentCounts(own).get('b'), 1);
    index.set({ id: 'a.md', text: 'nothing cited', syntax: 'pandoc' });
    assert.deepEqual(index.places(new Set(['a'])), []);
  });
});
