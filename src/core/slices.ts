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

/** Host work between two turns of the event loop: other extensions wait at most about this long for us. */
export const SLICE_MS = 8;

/**
 * Runs `fn` once the event loop had a turn: every timer, I/O callback and message due
 * runs before we go on. Node's setImmediate does that without the 1 ms
 * minimum of a zero timeout (which would idle the thread an eighth of the
 * time with 8 ms slices); the web has a timeout.
 */
export const afterTurn: (fn: () => void) => void = typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
  ? (fn) => (globalThis as unknown as { setImmediate(fn: () => void): void }).setImmediate(fn)
  : (fn) => setTimeout(fn, 0);

const nextTurn = (): Promise<void> => new Promise((resolve) => afterTurn(resolve));

/**
 * Runs `steps` in slices of about `sliceMs` milliseconds, yielding to the event
 * loop between slices; `onSlice` gets the last yielded value after each slice.
 */
export async function runInSlices<T, P>(steps: Steps<T, P>, sliceMs = SLICE_MS, onSlice?: (progress: P) => void): Promise<T> {
  let started = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - started >= sliceMs) {
      onSlice?.(step.value);
      await nextTurn();
      started = performance.now();
    }
  }
}
