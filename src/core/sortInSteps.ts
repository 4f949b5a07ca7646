import type { Steps } from './slices';

/** Comparisons per step of the merge sort: a few milliseconds of work. */
const STEP = 4096;

/**
 * The indices 0..n-1 in the order `before` gives, by a bottom-up merge sort
 * that yields every few thousand comparisons: sorting 100,000 strings at once
 * blocks for tens of milliseconds. Stable: indices `before` cannot tell apart
 * keep their order.
 */
export function* orderInSteps(n: number, before: (a: number, b: number) => boolean): Steps<Uint32Array> {
  let from = Uint32Array.from({ length: n }, (_, i) => i);
  let to = new Uint32Array(n);
  let work = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) to[k++] = before(from[j], from[i]) ? from[j++] : from[i++];
      while (i < mid) to[k++] = from[i++];
      while (j < hi) to[k++] = from[j++];
      work += hi - lo;
      if (work >= STEP) {
        work = 0;
        yield;
      }
    }
    [from, to] = [to, from];
  }
  return from;
}
