import * as assert from 'node:assert/strict';
import { PerformanceObserver } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { runInSlices, type Steps } from '../../src/core/slices';
import { LoopLag, ownWork } from '../../src/vscode/library/loopLag';

/** Keeps the thread for `ms`, as a long synchronous job does. */
function hold(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy on purpose
  }
}

function* heldSteps(steps: number, ms: number): Steps<number> {
  for (let i = 0; i < steps; i++) {
    hold(ms);
    yield i;
  }
  return steps;
}

describe('LoopLag: whose work delayed the event loop', () => {
  it('counts a delay filled by our own work as ours', () => {
    const lag = new LoopLag();
    ownWork('a test block', () => hold(40));
    const report = lag.stop();
    assert.ok(report.longestMs >= 25, `delay ${report.longestMs} ms`);
    assert.ok(report.longestOursMs >= 0.9 * report.longestMs, `ours ${report.longestOursMs} of ${report.longestMs} ms`);
    assert.equal(report.longestMostlyOursMs, report.longestMs);
    assert.ok(report.ownLongestMs >= 40, `own block ${report.ownLongestMs} ms`);
    assert.equal(report.ownLongestWhat, 'a test block after "the start"');
  });

  it('counts a delay nothing told it of as not ours', () => {
    const lag = new LoopLag();
    hold(40);
    const report = lag.stop();
    assert.ok(report.longestMs >= 25, `delay ${report.longestMs} ms`);
    assert.equal(report.longestOursMs, 0);
    assert.equal(report.ownLongestMs, 0);
    assert.ok(report.longestMostlyOursMs < report.longestMs);
  });

  it('is told of each runInSlices slice, and of nothing once stopped', async () => {
    const lag = new LoopLag();
    assert.equal(await runInSlices(heldSteps(10, 3), 1000), 10);
    const report = lag.stop();
    assert.ok(report.ownLongestMs >= 30, `own block ${report.ownLongestMs} ms`);
    assert.ok(report.longestOursMs >= 0.9 * report.longestMs, `ours ${report.longestOursMs} of ${report.longestMs} ms`);

    // Once stopped, our work runs untold, and a later watch starts with nothing.
    assert.equal(ownWork('a test block', () => 7), 7);
    assert.equal(await runInSlices(heldSteps(3, 2), 1000), 3);
    assert.equal(new LoopLag().stop().ownLongestMs, 0);
  });

  it('says how much of our longest block was garbage collection', async () => {
    // A full collection on demand (Node hides `gc` unless asked; the flag is read when the function is made).
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const garbage: number[][] = [];
    const lag = new LoopLag();
    // Collections are reported a turn or two later, to every observer in the same round: the test waits
    // until an observer of its own has heard of them (a fixed wait would lose that race on a busy machine).
    const reported = new Promise<void>((resolve) => {
      const observer = new PerformanceObserver(() => {
        observer.disconnect();
        resolve();
      });
      observer.observe({ entryTypes: ['gc'] });
    });
    ownWork('a block that collects', () => {
      for (let i = 0; i < 20_000; i++) garbage.push(Array.from({ length: 50 }, (_, j) => i + j));
      garbage.length = 0;
      gc();
    });
    await reported;
    await new Promise((resolve) => setImmediate(resolve));
    const report = lag.stop();
    assert.ok(report.ownLongestGcMs !== undefined && report.ownLongestGcMs > 0, `GC ${report.ownLongestGcMs} ms`);
    assert.ok(report.ownLongestGcMs <= report.ownLongestMs + 1, `GC ${report.ownLongestGcMs} of ${report.ownLongestMs} ms`);
  });

  it('counts the delays over its period by stage, numbers left out, and says which were mostly our work', async () => {
    // Due timers run in the order they fell due: the watch's tick, due long before, runs ahead of this one.
    const tickRan = () => new Promise((resolve) => setTimeout(resolve, 0));
    const lag = new LoopLag();
    lag.mark('indexing 100/200');
    ownWork('a test block', () => hold(40));
    await tickRan();
    lag.mark('indexing 150/200');
    ownWork('a test block', () => hold(40));
    await tickRan();
    lag.mark('finding topics');
    hold(40);
    await tickRan();
    const { overTick } = lag.stop();
    const indexing = overTick.find((s) => s.stage === 'indexing n/n');
    const topics = overTick.find((s) => s.stage === 'finding topics');
    assert.equal(overTick[0], indexing, 'the stage with the most delays comes first');
    assert.equal(indexing?.count, 2);
    assert.equal(indexing?.mostlyOurs, 2);
    assert.equal(topics?.count, 1);
    assert.equal(topics?.mostlyOurs, 0);
  });
});
