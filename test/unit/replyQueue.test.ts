import * as assert from 'node:assert/strict';
import { ReplyQueue, type ParseReply } from '../../src/core/load/workerProtocol';
import { runInSlices, type Steps } from '../../src/core/slices';
import { watchSliceTurns } from './helpers/sliceTurns';

const reply = (id: number): ParseReply => ({ id, chunk: new Uint8Array(0), done: false });

/** Resolves once `condition` holds, checked after each turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('ReplyQueue', () => {
  it('hands replies on in order, taking turns with other sliced jobs: never two slices in one turn', async () => {
    const { turns, stop } = watchSliceTurns();
    const handled: number[] = [];
    try {
      // A zero slice length: each reply is a slice of its own, as is each step of the other job.
      const queue = new ReplyQueue((r) => handled.push(r.id), (error) => assert.fail(String(error)), 0);
      for (let id = 1; id <= 6; id++) queue.push(reply(id));
      const other = runInSlices((function* (): Steps<void> {
        for (let i = 0; i < 6; i++) yield;
      })(), 0);
      await other;
      await until(() => handled.length === 6);
    } finally {
      stop();
    }
    assert.deepEqual(handled, [1, 2, 3, 4, 5, 6]);
    // The other job's seven slices (six steps, and the one that finds it done), and a slice per reply.
    assert.equal(turns.length, 7 + 6, `slices: ${turns.join(' ')}`);
    assert.ok(!turns.includes(-1), 'a slice began and ended in the same turn');
    assert.equal(new Set(turns).size, turns.length, `two slices shared a turn: ${turns.join(' ')}`);
  });

  it('reports a reply whose handling throws, and still hands on the ones after it', async () => {
    const handled: number[] = [];
    const failures: string[] = [];
    const queue = new ReplyQueue((r) => {
      if (r.id === 2) throw new Error('bad chunk');
      handled.push(r.id);
    }, (error) => failures.push((error as Error).message));
    for (let id = 1; id <= 3; id++) queue.push(reply(id));
    await until(() => handled.length === 2);
    assert.deepEqual(handled, [1, 3]);
    assert.deepEqual(failures, ['bad chunk']);
  });

  it('starts again for a reply that comes after the queue ran dry', async () => {
    const handled: number[] = [];
    const queue = new ReplyQueue((r) => handled.push(r.id), (error) => assert.fail(String(error)));
    queue.push(reply(1));
    await until(() => handled.length === 1);
    // Some turns later, with nothing waiting.
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    queue.push(reply(2));
    await until(() => handled.length === 2);
    assert.deepEqual(handled, [1, 2]);
  });
});
