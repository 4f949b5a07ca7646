/**
 * Spherical k-means over unit sparse vectors: each cluster's centroid is the
 * normalized sum of its members, each vector joins the centroid it points the
 * most like (highest dot product). The caller gives the starting centroids
 * (agglomerate.ts finds them), so there is no random seeding.
 *
 * Centroids are dense and stored term-major (`centroids[term * k + c]`), so a
 * sparse vector's similarity to all k centroids reads k neighbouring numbers
 * per term.
 */
import type { Steps } from '../../slices';
import type { SparseVector } from './features';

export interface Clustering {
  k: number;
  terms: number;
  /** Term-major unit centroids: `centroids[term * k + c]`. */
  centroids: Float32Array;
  /** Cluster of each vector; -1 for an empty vector. */
  assignment: Int32Array;
}

/** Dot products of `v` with every centroid, written into `out` (length k). */
export function similarities(v: SparseVector, centroids: Float32Array, k: number, out: Float64Array): void {
  out.fill(0);
  const { ids, weights } = v;
  for (let i = 0; i < ids.length; i++) {
    const w = weights[i];
    const base = ids[i] * k;
    for (let c = 0; c < k; c++) out[c] += w * centroids[base + c];
  }
}

/** The best and second-best centroid of `v` and their similarities. */
export function nearest(v: SparseVector, centroids: Float32Array, k: number, scratch: Float64Array): { best: number; bestSim: number; second: number; secondSim: number } {
  similarities(v, centroids, k, scratch);
  let best = -1;
  let bestSim = -Infinity;
  let second = -1;
  let secondSim = -Infinity;
  for (let c = 0; c < k; c++) {
    const s = scratch[c];
    if (s > bestSim) {
      second = best;
      secondSim = bestSim;
      best = c;
      bestSim = s;
    } else if (s > secondSim) {
      second = c;
      secondSim = s;
    }
  }
  return { best, bestSim, second, secondSim };
}

/** Vectors per step (each costs about k × 48 multiply-adds). */
const ASSIGN_BATCH = 200;

/** Unit centroids of the groups `labels` gives (-1: in no group), term-major. */
export function centroidsOf(vectors: readonly SparseVector[], labels: ArrayLike<number>, k: number, terms: number): Float32Array {
  const centroids = new Float32Array(terms * k);
  for (let i = 0; i < vectors.length; i++) {
    const c = labels[i];
    if (c < 0) continue;
    const v = vectors[i];
    for (let t = 0; t < v.ids.length; t++) centroids[v.ids[t] * k + c] += v.weights[t];
  }
  normalizeColumns(centroids, terms, k);
  return centroids;
}

/**
 * Refines `centroids` (k of them, term-major) by k-means over `vectors`:
 * assign each vector to its nearest centroid, recompute, until nothing moves
 * or `maxIterations` passes. Deterministic: no random seeding (the caller
 * provides the starting centroids). Empty vectors stay unassigned (-1).
 */
export function* kmeans(vectors: readonly SparseVector[], terms: number, centroids: Float32Array, k: number, maxIterations = 20): Steps<Clustering> {
  const live: number[] = [];
  vectors.forEach((v, i) => v.ids.length > 0 && live.push(i));
  const assignment = new Int32Array(vectors.length).fill(-1);
  const scratch = new Float64Array(k);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = 0;
    for (let n = 0; n < live.length; n++) {
      const i = live[n];
      const { best } = nearest(vectors[i], centroids, k, scratch);
      if (assignment[i] !== best) {
        assignment[i] = best;
        changed++;
      }
      if (n % ASSIGN_BATCH === ASSIGN_BATCH - 1) yield;
    }
    if (changed === 0) break;
    yield* recompute(vectors, live, assignment, centroids, terms, k);
  }
  return { k, terms, centroids, assignment };
}

/** Centroids from the assignment: sum of members, normalized; an empty cluster takes the worst-fitting vector. */
function* recompute(vectors: readonly SparseVector[], live: readonly number[], assignment: Int32Array, centroids: Float32Array, terms: number, k: number): Steps<void> {
  centroids.fill(0);
  const sizes = new Int32Array(k);
  for (let n = 0; n < live.length; n++) {
    const i = live[n];
    const c = assignment[i];
    sizes[c]++;
    const v = vectors[i];
    for (let t = 0; t < v.ids.length; t++) centroids[v.ids[t] * k + c] += v.weights[t];
    if (n % (ASSIGN_BATCH * 4) === 0) yield;
  }
  for (let c = 0; c < k; c++) {
    if (sizes[c] > 0) continue;
    // Reseed an empty cluster with the vector least like its own centroid (deterministic: first such).
    let worst = live[0];
    let worstSim = Infinity;
    const scratch = new Float64Array(k);
    for (const i of live) {
      similarities(vectors[i], centroids, k, scratch);
      const s = scratch[assignment[i]];
      if (s < worstSim) {
        worstSim = s;
        worst = i;
      }
    }
    const v = vectors[worst];
    for (let t = 0; t < v.ids.length; t++) centroids[v.ids[t] * k + c] = v.weights[t];
    assignment[worst] = c;
    yield;
  }
  normalizeColumns(centroids, terms, k);
  yield;
}

/** Scales each centroid (a column of the term-major matrix) to unit length. */
export function normalizeColumns(centroids: Float32Array, terms: number, k: number): void {
  const norms = new Float64Array(k);
  for (let t = 0; t < terms; t++) {
    const base = t * k;
    for (let c = 0; c < k; c++) norms[c] += centroids[base + c] * centroids[base + c];
  }
  for (let c = 0; c < k; c++) norms[c] = norms[c] > 0 ? 1 / Math.sqrt(norms[c]) : 0;
  for (let t = 0; t < terms; t++) {
    const base = t * k;
    for (let c = 0; c < k; c++) centroids[base + c] *= norms[c];
  }
}
