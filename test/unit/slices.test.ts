import * as assert from 'node:assert/strict';
import { runInSlices, type Steps } from '../../src/core/slices';
import { watchSliceTurns } from './helpers/sliceTurns';

function* countTo(n: number): Steps<number, number> {
  for (let i = 0; i < n; i++) yield i;
  return n;
}

describe('runInSlices', () => {
  it('runs one slice per turn of the event loop, however many jobs run at once', async () => {
    const { turns, stop } = watchSliceTurns();
    try {
      // A zero slice length: every step is a slice of its own.
      const results = await Promise.all([5, 7, 3].map((n) => runInSlices(countTo(n), 0)));
      assert.deepEqual(results, [5, 7, 3]);
    } finally {
      stop();
    }
    assert.equal(turns.length, 5 + 7 + 3 + 3, 'a slice per step, and one that finds each job done');
    assert.ok(!turns.includes(-1), 'a slice began and ended in the same turn');
    assert.equal(new Set(turns).size, turns.length, `two slices shared a turn: ${turns.join(' ')}`);
  });

  it('gives the same result as running the steps at once', async () => {
    assert.equal(await runInSlices(countTo(1000)), 1000);
    assert.equal(await runInSlices(countTo(0), 0), 0);
  });
});
