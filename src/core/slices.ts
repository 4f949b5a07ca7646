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
 * Runs `steps` in slices of about `sliceMs` milliseconds, yielding to the event
 * loop between slices; `onSlice` gets the last yielded value after each slice.
 */
export async function runInSlices<T, P>(steps: Steps<T, P>, sliceMs = 15, onSlice?: (progress: P) => void): Promise<T> {
  let started = Date.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (Date.now() - started >= sliceMs) {
      onSlice?.(step.value);
      await new Promise((resolve) => setTimeout(resolve, 0));
      started = Date.now();
    }
  }
}
