/**
 * Long jobs in the core are generators that yield after each small unit of
 * work. Run at once with `runToEnd`, or spread over time slices with
 * `runInSlices` so the extension host's event loop stays responsive.
 */
export type Steps<T, P = unknown> = Generator<P, T>;

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Sizes for a job's batches: `first`, doubling up to `most`. Code runs many
 * times slower its first few times, before V8 compiles it, so batches sized
 * for warm code are long steps when the code is cold: a 100-entry BibTeX
 * file's first step took 33 ms in a fresh process, 10-13 ms with these.
 */
export class GrowingBatches {
  constructor(private size: number, private readonly most: number) {}

  next(): number {
    const size = this.size;
    this.size = Math.min(this.most, size * 2);
    return size;
  }
}

/**
 * Host work between two turns of the event loop: other extensions wait at most about this long for us.
 * 5 ms, not 8: in the real host a 100k load's p99 event-loop delay fell from 24-27 to 15-20 ms, its
 * first result no later (bench:host, 2026-12-05).
 */
export const SLICE_MS = 5;

/**
 * Runs `fn` once the event loop had a turn: every timer, I/O callback and
 * message due runs before we go on. Node's setImmediate does that without
 * the 1 ms minimum of a zero timeout (which would idle the thread an eighth
 * of the time with 5 ms slices); on the web, a message to ourselves does it
 * without the 4 ms minimum browsers give nested timeouts.
 */
export const afterTurn: (fn: () => void) => void = typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
  ? (fn) => (globalThis as unknown as { setImmediate(fn: () => void): void }).setImmediate(fn)
  : messageTurn() ?? ((fn) => setTimeout(fn, 0));

/** `afterTurn` through a MessageChannel, where there is one. */
function messageTurn(): ((fn: () => void) => void) | undefined {
  const Channel = (globalThis as { MessageChannel?: typeof MessageChannel }).MessageChannel;
  if (typeof Channel !== 'function') return undefined;
  let channel: MessageChannel | undefined;
  const waiting: Array<() => void> = [];
  return (fn) => {
    if (!channel) {
      channel = new Channel();
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    waiting.push(fn);
    channel.port2.postMessage(undefined);
  };
}

/** Told when each slice `runInSlices` runs starts; the function it returns is called when the slice ends. */
export type SliceObserver = () => () => void;
let sliceObserver: SliceObserver | undefined;

/**
 * Sets (or, with undefined, clears) who is told of each slice: the host's
 * event-loop watch uses it to tell delays of our own work from the delays
 * other extensions cause.
 */
export function observeSlices(observer: SliceObserver | undefined): void {
  sliceObserver = observer;
}

/**
 * Sliced jobs waiting for their next slice, oldest first. One slice runs per
 * turn of the event loop however many jobs run at once: each waiting job
 * yielding by itself would run them all back to back in the same turn (five
 * files parsed at once held the thread for five slices).
 */
const waiting: Array<() => void> = [];
let pumping = false;
/** Whether a slice ran since the event loop last had a turn: a job that starts then waits for one too. */
let sliceThisTurn = false;

function pump(): void {
  sliceThisTurn = false;
  const next = waiting.shift();
  if (waiting.length) afterTurn(pump);
  else pumping = false;
  next?.();
}

/** Resolves on a later turn of the event loop, after the jobs that were waiting before. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!pumping) {
      pumping = true;
      afterTurn(pump);
    }
  });
}

/** A slice is over: tells the observer, and makes the next job to start wait for a turn. */
function sliceEnded(observed: (() => void) | undefined): void {
  observed?.();
  if (sliceThisTurn) return;
  sliceThisTurn = true;
  afterTurn(() => {
    sliceThisTurn = false;
  });
}

/**
 * Runs `steps` in slices of about `sliceMs` milliseconds, yielding to the event
 * loop between slices; `onSlice` gets the last yielded value after each slice.
 * Jobs running at once take turns: one slice of one job per turn of the loop.
 */
export async function runInSlices<T, P>(steps: Steps<T, P>, sliceMs = SLICE_MS, onSlice?: (progress: P) => void): Promise<T> {
  if (sliceThisTurn || pumping) await nextTurn();
  let started = performance.now();
  let observed = sliceObserver?.();
  for (;;) {
    const step = steps.next();
    if (step.done) {
      sliceEnded(observed);
      return step.value;
    }
    if (performance.now() - started >= sliceMs) {
      onSlice?.(step.value);
      sliceEnded(observed);
      await nextTurn();
      started = performance.now();
      observed = sliceObserver?.();
    }
  }
}
