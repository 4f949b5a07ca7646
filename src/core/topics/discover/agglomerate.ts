/**
 * Average-link agglomerative clustering of a sample, used to find how many
 * topics there are and where they lie before k-means refines them.
 *
 * Starting from one cluster per paper, the two clusters with the highest
 * average pairwise cosine similarity merge, until one is left; the merge
 * history gives every cut from n clusters down to 1. Average link holds
 * together papers that share words with most of a group, not just with one
 * member (single link chains unrelated papers through one bridge).
 *
 * Which cut becomes the topics is chooseCut.ts's choice, by the silhouette
 * below (mean over papers of (b − a) / max(a, b), with a the average
 * distance to the own cluster and b to the nearest other), counting only
 * clusters big enough to be a topic.
 *
 * O(n²) memory and time: run on a sample of at most a thousand or so papers.
 */
import type { Steps } from '../../slices';
import type { SparseVector } from './features';

function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x === y) sum += a.weights[i++] * b.weights[j++];
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** Pairwise cosine similarities (the vectors are unit length), row-major n×n. */
export function* similarityMatrix(vectors: readonly SparseVector[]): Steps<Float32Array> {
  const n = vectors.length;
  const s = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    s[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const v = dot(vectors[i], vectors[j]);
      s[i * n + j] = v;
      s[j * n + i] = v;
    }
    if (i % 16 === 15) yield;
  }
  return s;
}

/**
 * Second-order similarity: two papers are alike when they are alike to the
 * same papers (cosine of their rows of `similarity`). Abstracts share few
 * exact words, so first-order cosines are small and noisy; papers of one
 * field share neighbours even when they share few words with each other.
 * O(n³): for the sample only.
 */
export function* secondOrder(similarity: Float32Array, n: number): Steps<Float32Array> {
  const out = new Float32Array(n * n);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    row.fill(0);
    const ri = i * n;
    for (let m = 0; m < n; m++) {
      const a = similarity[ri + m];
      if (a === 0) continue;
      const rm = m * n;
      for (let j = i; j < n; j++) row[j] += a * similarity[rm + j];
    }
    for (let j = i; j < n; j++) {
      out[ri + j] = row[j];
      out[j * n + i] = row[j];
    }
    yield;
  }
  const norm = new Float64Array(n);
  for (let i = 0; i < n; i++) norm[i] = out[i * n + i] > 0 ? 1 / Math.sqrt(out[i * n + i]) : 0;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < n; j++) out[ri + j] *= norm[i] * norm[j];
  }
  return out;
}

/** Merges in order: cluster `into` absorbed cluster `from` (both named by a member index). */
export interface Merge {
  into: number;
  from: number;
}

/** The average-link merge history of all n items. */
export function* averageLinkage(similarity: Float32Array, n: number): Steps<Merge[]> {
  // The typed-array constructor copies element by element; Float64Array.from goes through the iterator (slow at 640,000).
  const s = new Float64Array(similarity);
  const size = new Int32Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const best = new Int32Array(n).fill(-1);
  const bestOf = (i: number): number => {
    let b = -1;
    let bs = -Infinity;
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (j === i || !active[j]) continue;
      if (s[row + j] > bs) {
        bs = s[row + j];
        b = j;
      }
    }
    return b;
  };
  for (let i = 0; i < n; i++) {
    best[i] = bestOf(i);
    if ((i & 0x3f) === 0x3f) yield;
  }
  const merges: Merge[] = [];
  for (let step = 0; step < n - 1; step++) {
    // The closest pair; ties go to the lowest indices, so the history is deterministic.
    let a = -1;
    let as = -Infinity;
    for (let i = 0; i < n; i++) {
      if (!active[i] || best[i] < 0) continue;
      const v = s[i * n + best[i]];
      if (v > as) {
        as = v;
        a = i;
      }
    }
    if (a < 0) break;
    const b = best[a];
    const into = Math.min(a, b);
    const from = Math.max(a, b);
    const total = size[into] + size[from];
    for (let m = 0; m < n; m++) {
      if (!active[m] || m === into || m === from) continue;
      const v = (size[into] * s[into * n + m] + size[from] * s[from * n + m]) / total;
      s[into * n + m] = v;
      s[m * n + into] = v;
    }
    size[into] = total;
    active[from] = 0;
    merges.push({ into, from });
    for (let m = 0; m < n; m++) {
      if (!active[m]) continue;
      if (m === into || best[m] === into || best[m] === from) best[m] = bestOf(m);
      else if (s[m * n + into] > s[m * n + best[m]]) best[m] = into;
    }
    if (step % 4 === 3) yield;
  }
  return merges;
}

/** Cluster labels (0..k-1, by first member) after replaying the merges down to `clusters` clusters. */
export function cut(merges: readonly Merge[], n: number, clusters: number): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (let m = 0; m < Math.min(merges.length, n - clusters); m++) parent[find(merges[m].from)] = find(merges[m].into);
  const labels = new Int32Array(n);
  const ids = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let id = ids.get(root);
    if (id === undefined) ids.set(root, (id = ids.size));
    labels[i] = id;
  }
  return labels;
}

/**
 * Silhouette of a labelling on the similarity matrix (distance = 1 − cosine).
 * Papers in clusters smaller than `minSize` count as unplaced: they score 0,
 * and their clusters are no one's nearest.
 */
export function* silhouette(similarity: Float32Array, n: number, labels: Int32Array, minSize: number): Steps<number> {
  let k = 0;
  for (let i = 0; i < n; i++) k = Math.max(k, labels[i] + 1);
  const size = new Int32Array(k);
  for (let i = 0; i < n; i++) size[labels[i]]++;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = labels[i];
    if (size[own] < minSize || size[own] < 2) continue;
    sums.fill(0);
    const row = i * n;
    for (let j = 0; j < n; j++) if (j !== i) sums[labels[j]] += 1 - similarity[row + j];
    const a = sums[own] / (size[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && size[c] >= minSize) b = Math.min(b, sums[c] / size[c]);
    if (b === Infinity) continue;
    total += (b - a) / Math.max(a, b);
    if (i % 64 === 63) yield;
  }
  return total / n;
}
