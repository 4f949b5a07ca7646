/**
 * How many topics a sample falls into: a cut of the average-link merge tree
 * (agglomerate.ts), chosen from the library's size and how well it separates.
 *
 * The candidates are the first cuts with k big clusters (clusters of at
 * least `minSize` papers), for every k from half to twice the expected
 * count. Each is scored by its silhouette on the similarity matrix (papers
 * of small clusters count as unplaced), less a size prior that grows with
 * the distance from the expected count on a log scale; the best score wins,
 * ties going to fewer topics.
 */
import type { Steps } from '../../slices';
import { cut, type Merge, silhouette } from './agglomerate';

/**
 * Tuned on the development set (test/fixtures/topics/dev-*.json: every
 * library of 2 to 8 of its fields), never on the exam sets.
 */
export const CHOICE = {
  /** Candidates run from this share of the expected count ... */
  fewest: 0.5,
  /** ... to this multiple of it. */
  most: 2,
  /** Silhouette given up per unit of |ln(k / expected)|: a cut twice or half the expected count needs 0.08 more silhouette to win. */
  prior: 0.12,
};

/** Clusters with at least `minSize` members. */
export function countBig(labels: Int32Array, minSize: number): number {
  const size = new Map<number, number>();
  for (const l of labels) size.set(l, (size.get(l) ?? 0) + 1);
  let big = 0;
  for (const s of size.values()) if (s >= minSize) big++;
  return big;
}

/** The chosen cut's labels (see the module comment); `expected` is the size-based count, `max` a hard cap. */
export function* chooseCut(merges: readonly Merge[], similarity: Float32Array, n: number, expected: number, max: number, minSize: number): Steps<Int32Array> {
  const fewest = Math.max(2, Math.floor(expected * CHOICE.fewest));
  const most = Math.max(fewest, Math.min(max, Math.ceil(expected * CHOICE.most)));
  const candidates = new Map<number, Int32Array>();
  // Fallback when no cut reaches `fewest` big clusters: the first with the most.
  let fallback: Int32Array = new Int32Array(n);
  let fallbackBig = 0;
  for (let clusters = 2; clusters < n; clusters++) {
    const labels = cut(merges, n, clusters);
    const big = countBig(labels, minSize);
    if (big > fallbackBig) {
      fallback = labels;
      fallbackBig = big;
    }
    if (big >= fewest && big <= most && !candidates.has(big)) candidates.set(big, labels);
    if (big >= most) break;
    yield;
  }
  if (candidates.size === 0) return fallback;
  let best = fallback;
  let bestScore = -Infinity;
  for (const [k, labels] of [...candidates].sort((a, b) => a[0] - b[0])) {
    const score = (yield* silhouette(similarity, n, labels, minSize)) - CHOICE.prior * Math.abs(Math.log(k / expected));
    if (score > bestScore + 1e-9) {
      best = labels;
      bestScore = score;
    }
  }
  return best;
}
