import { strict as assert } from 'node:assert';
import { sortForDisplay } from '../../src/core/library/displayOrder';
import type { Paper } from '../../src/core/model';
import { runInSlices, runToEnd } from '../../src/core/slices';
import { normalizeTitle } from '../../src/core/text';
import { corpusPapers } from './helpers/corpus';

const paper = (key: string, title: string, year?: number): Paper => ({ key, title, year, authors: [], keywords: [], topics: [], origin: { source: 's', kind: 'bibtex' } });

describe('display order', () => {
  it('newest first, then title ignoring case and accents, stable for equal titles', () => {
    const sorted = runToEnd(sortForDisplay([
      paper('a', 'beta', 2020), paper('b', 'Alpha', 2020), paper('c', 'zeta', 2024), paper('d', 'Élan', 2020),
      paper('e', 'no year'), paper('f', 'alpha', 2020), paper('g', 'Gamma', 2024),
    ]));
    assert.deepEqual(sorted.map((p) => p.key), ['g', 'c', 'b', 'f', 'a', 'd', 'e']);
  });

  it('agrees with a plain sort on the corpus and on shuffled copies, in slices too', async () => {
    const papers = corpusPapers();
    const expected = [...papers].sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || (normalizeTitle(a.title) < normalizeTitle(b.title) ? -1 : normalizeTitle(a.title) > normalizeTitle(b.title) ? 1 : 0));
    assert.deepEqual(runToEnd(sortForDisplay(papers)).map((p) => p.key), expected.map((p) => p.key));
    const big = Array.from({ length: 5000 }, (_, i) => paper(`k${i}`, `title ${(i * 7919) % 5000}`, 2000 + ((i * 31) % 25)));
    const sliced = await runInSlices(sortForDisplay(big), 0);
    for (let i = 1; i < sliced.length; i++) {
      const a = sliced[i - 1];
      const b = sliced[i];
      assert.ok((a.year ?? 0) > (b.year ?? 0) || ((a.year ?? 0) === (b.year ?? 0) && normalizeTitle(a.title) <= normalizeTitle(b.title)), `${a.key} before ${b.key}`);
    }
    assert.equal(new Set(sliced.map((p) => p.key)).size, 5000);
    assert.deepEqual(runToEnd(sortForDisplay([])), []);
  });
});
