/**
 * Topic discovery: groups papers by the words they use, names each group by
 * its own distinctive words, and keeps what it learnt (vocabulary, centroids)
 * so a changed or new paper joins its nearest topic without a rerun.
 *
 * 1. Vectors: TF-IDF over stems of title, abstract and keywords (features.ts).
 * 2. How many topics, and where they lie: average-link clustering of a
 *    sample (at most `CHOOSE_SAMPLE` papers) on second-order similarity
 *    (agglomerate.ts); of the cuts of its merge tree with half to twice
 *    √(n/2) big clusters, the one that separates best by silhouette, less a
 *    size prior (chooseCut.ts).
 * 3. Topics: the big clusters' centroids start k-means on a larger sample,
 *    then every paper joins its nearest centroid, and the centroids are
 *    recomputed from all members once (one refinement pass).
 * 4. A topic too large to browse (over `SUBTOPIC_MIN` papers) is split the
 *    same way into subtopics, named against its own papers.
 * 5. Papers with too few known words to place go to "Other".
 *
 * Papers are processed in key order and nothing is random (k-means starts
 * from the clustering's centroids), so the same library gives the same topics, names and ids
 * whatever order its sources list the papers in. Everything runs in steps.
 */
import { FALLBACK_TOPIC_ID } from '../defaultTaxonomy';
import type { Steps } from '../../slices';
import { orderInSteps } from '../../sortInSteps';
import { spread } from '../../spread';
import { type DiscoverablePaper, EMPTY_VECTOR, learnFeatures, type SparseVector, stemCounts, vectorOf, type Vocabulary } from './features';
import { averageLinkage, secondOrder, similarityMatrix } from './agglomerate';
import { chooseCut } from './chooseCut';
import { centroidsOf, type Clustering, kmeans, nearest, normalizeColumns } from './kmeans';
import { idOf, labelOf, phraseBackground, topicWords } from './naming';

export interface DiscoveredTopic {
  id: string;
  label: string;
  /** Defining words, best first (shown on hover, used for the name). */
  words: string[];
  /** Papers whose primary topic it is (or one of its subtopics). */
  size: number;
  /** The topic this one is a subtopic of. */
  parent?: string;
}

interface Level {
  k: number;
  centroids: Float32Array;
  topicIds: string[];
}

/** What discovery learnt: enough to place a new paper (`placePaper`). */
export interface DiscoveryModel {
  vocabulary: Vocabulary;
  top: Level;
  /** Subtopic levels, by parent topic id. */
  sub: Map<string, Level>;
  topics: DiscoveredTopic[];
}

export interface Discovery {
  model: DiscoveryModel;
  /** Topic ids per paper, parallel to the input: primary first (the subtopic when there is one), then secondary topics. */
  topicsOf: string[][];
}

/** Above this many papers a topic gets subtopics. */
export const SUBTOPIC_MIN = 300;
/** Papers clustered to learn the topics; the rest are assigned to the nearest one. */
export const LEARN_SAMPLE = 4000;
/** Papers in the agglomerative clustering that finds the topics (O(n²)). */
export const CHOOSE_SAMPLE = 800;
/** The same, within a topic being split into subtopics (a few of them: smaller). */
export const SUBTOPIC_SAMPLE = 300;
/** A paper needs this many known words to be placed. */
export const MIN_TERMS = 2;
/** A second topic is listed when the paper is nearly as close to it as to its first. */
const SECONDARY_SHARE = 0.8;
const MAX_TOPICS = 24;
const ASSIGN_BATCH = 150;

export interface DiscoverOptions {
  /** Prefix for topic ids ("d." unless given). */
  idPrefix?: string;
  /** Topics above this many papers get subtopics (`SUBTOPIC_MIN` unless given). */
  subtopicMin?: number;
}

/** A topic found in the sample has at least this share of it (and 2 papers). */
const MIN_TOPIC_SHARE = 0.03;

/** How many topics a library of `n` papers is expected to have: about √(n/2), at most `max` (the size prior of chooseCut.ts). */
export function topicCount(n: number, max: number): number {
  return Math.max(2, Math.min(max, Math.round(Math.sqrt(n / 2))));
}

/**
 * Where the topics lie, from an average-link clustering of a sample on
 * second-order similarity (agglomerate.ts): the cut of the merge tree that
 * chooseCut.ts picks around `expected` big clusters. Their centroids start
 * k-means; papers of the small clusters join their nearest topic there.
 */
function* findTopics(sample: readonly SparseVector[], terms: number, expected: number, max: number): Steps<{ k: number; centroids: Float32Array }> {
  const n = sample.length;
  const similarity = yield* secondOrder(yield* similarityMatrix(sample), n);
  const merges = yield* averageLinkage(similarity, n);
  const minSize = Math.max(2, Math.ceil(MIN_TOPIC_SHARE * n));
  const best = yield* chooseCut(merges, similarity, n, expected, max, minSize);
  // Renumber the big clusters 0..k-1; papers of small ones start unassigned.
  const size = new Map<number, number>();
  for (const l of best) size.set(l, (size.get(l) ?? 0) + 1);
  const renumber = new Map<number, number>();
  for (const [l, s] of [...size].sort((a, b) => a[0] - b[0])) if (s >= minSize || size.size === 1) renumber.set(l, renumber.size);
  const labels = Int32Array.from(best, (l) => renumber.get(l) ?? -1);
  const k = Math.max(1, renumber.size);
  return { k, centroids: centroidsOf(sample, labels, k, terms) };
}

/** Clusters `members` (indices into `vectors`) and assigns every one of them; one refinement pass. */
function* clusterLevel(vectors: readonly SparseVector[], members: readonly number[], terms: number, maxTopics: number, chooseSample = CHOOSE_SAMPLE): Steps<{ clustering: Clustering; assignment: Map<number, number> }> {
  const found = yield* findTopics(spread(members, chooseSample).map((i) => vectors[i]), terms, topicCount(members.length, maxTopics), maxTopics);
  const learnSample = spread(members, LEARN_SAMPLE).map((i) => vectors[i]);
  const clustering = yield* kmeans(learnSample, terms, found.centroids, found.k);
  const scratch = new Float64Array(clustering.k);
  const assignment = new Map<number, number>();
  const assignAll = function* (): Steps<void> {
    for (let n = 0; n < members.length; n++) {
      assignment.set(members[n], nearest(vectors[members[n]], clustering.centroids, clustering.k, scratch).best);
      if (n % ASSIGN_BATCH === ASSIGN_BATCH - 1) yield;
    }
  };
  yield* assignAll();
  if (members.length > learnSample.length) {
    // Refine: centroids from all members, then assign again.
    clustering.centroids.fill(0);
    let n = 0;
    for (const [i, c] of assignment) {
      const v = vectors[i];
      for (let t = 0; t < v.ids.length; t++) clustering.centroids[v.ids[t] * clustering.k + c] += v.weights[t];
      if (++n % (ASSIGN_BATCH * 4) === 0) yield;
    }
    normalizeColumns(clustering.centroids, terms, clustering.k);
    yield;
    yield* assignAll();
  }
  // A topic left with fewer papers than a topic found in the sample needs is no topic: its papers join their nearest other one.
  const sizes = new Int32Array(clustering.k);
  for (const c of assignment.values()) sizes[c]++;
  const minSize = Math.max(2, Math.ceil(MIN_TOPIC_SHARE * Math.min(members.length, chooseSample)));
  const keep = [...sizes.keys()].filter((c) => sizes[c] >= minSize);
  if (keep.length < clustering.k && keep.length >= 1) {
    const k = keep.length;
    const centroids = new Float32Array(terms * k);
    for (let t = 0; t < terms; t++) keep.forEach((c, j) => (centroids[t * k + j] = clustering.centroids[t * clustering.k + c]));
    const kept: Clustering = { k, terms, centroids, assignment: clustering.assignment };
    const keptScratch = new Float64Array(k);
    for (let n = 0; n < members.length; n++) {
      assignment.set(members[n], nearest(vectors[members[n]], centroids, k, keptScratch).best);
      if (n % ASSIGN_BATCH === ASSIGN_BATCH - 1) yield;
    }
    return { clustering: kept, assignment };
  }
  return { clustering, assignment };
}

/** Discovers topics among `papers` (see the module comment). */
export function* discoverTopics(papers: readonly DiscoverablePaper[], options: DiscoverOptions = {}): Steps<Discovery> {
  const prefix = options.idPrefix ?? 'd.';
  const order = Array.from(yield* orderInSteps(papers.length, (a, b) => papers[a].key < papers[b].key));
  const sorted = order.map((i) => papers[i]);
  const learnt = yield* learnFeatures(sorted);
  const vocabulary = learnt.vocabulary;
  const vectors = learnt.vectors.map((v) => (v.ids.length >= MIN_TERMS ? v : EMPTY_VECTOR));
  const terms = vocabulary.stems.length;
  const placeable = vectors.map((v, i) => (v.ids.length > 0 ? i : -1)).filter((i) => i >= 0);
  const topicsOf: string[][] = papers.map(() => [FALLBACK_TOPIC_ID]);
  const emptyLevel: Level = { k: 0, centroids: new Float32Array(0), topicIds: [] };
  const model: DiscoveryModel = { vocabulary, top: emptyLevel, sub: new Map(), topics: [] };
  if (placeable.length < 2) {
    placeable.forEach((i) => (topicsOf[order[i]] = [FALLBACK_TOPIC_ID]));
    return { model, topicsOf };
  }

  const background = yield* phraseBackground(placeable.map((i) => sorted[i]));
  const taken = new Set<string>([FALLBACK_TOPIC_ID]);
  const top = yield* clusterLevel(vectors, placeable, terms, MAX_TOPICS);
  const members = groupMembers(top.assignment, top.clustering.k);
  const topIds: string[] = [];
  for (let c = 0; c < top.clustering.k; c++) {
    const words = yield* topicWords(members[c], sorted, vectors, vocabulary, background);
    const id = idOf(prefix, words.stems, taken);
    topIds.push(id);
    model.topics.push({ id, label: labelOf(words.words, `Topic ${words.stems[0] ?? c + 1}`), words: words.words, size: members[c].length });
    yield;
  }
  model.top = { k: top.clustering.k, centroids: top.clustering.centroids, topicIds: topIds };

  const scratch = new Float64Array(top.clustering.k);
  for (let n = 0; n < placeable.length; n++) {
    const i = placeable[n];
    const near = nearest(vectors[i], top.clustering.centroids, top.clustering.k, scratch);
    const ids = [topIds[top.assignment.get(i)!]];
    if (near.second >= 0 && near.secondSim > 0 && near.secondSim >= SECONDARY_SHARE * near.bestSim) ids.push(topIds[near.second]);
    topicsOf[order[i]] = ids;
    if (n % ASSIGN_BATCH === ASSIGN_BATCH - 1) yield;
  }
  for (let c = 0; c < top.clustering.k; c++) {
    if (members[c].length <= (options.subtopicMin ?? SUBTOPIC_MIN)) continue;
    const parent = topIds[c];
    const level = yield* clusterLevel(vectors, members[c], terms, 6, SUBTOPIC_SAMPLE);
    const subMembers = groupMembers(level.assignment, level.clustering.k);
    const local = yield* localVocabulary(vocabulary, members[c], vectors);
    const localBackground = yield* phraseBackground(members[c].map((i) => sorted[i]), 1000);
    const subIds: string[] = [];
    for (let s = 0; s < level.clustering.k; s++) {
      const words = yield* topicWords(subMembers[s], sorted, vectors, local, localBackground);
      const id = idOf(`${parent}/`, words.stems, taken);
      subIds.push(id);
      model.topics.push({ id, label: labelOf(words.words, `Part ${s + 1}`), words: words.words, size: subMembers[s].length, parent });
      for (const i of subMembers[s]) topicsOf[order[i]][0] = id;
      yield;
    }
    model.sub.set(parent, { k: level.clustering.k, centroids: level.clustering.centroids, topicIds: subIds });
  }
  return { model, topicsOf };
}

function groupMembers(assignment: ReadonlyMap<number, number>, k: number): number[][] {
  const members: number[][] = Array.from({ length: k }, () => []);
  for (const [i, c] of assignment) members[c].push(i);
  return members;
}

/** The vocabulary with document frequencies counted within `members`, so subtopic names contrast with their parent. */
function* localVocabulary(vocabulary: Vocabulary, members: readonly number[], vectors: readonly SparseVector[]): Steps<Vocabulary> {
  const df = new Int32Array(vocabulary.stems.length);
  for (let m = 0; m < members.length; m++) {
    for (const id of vectors[members[m]].ids) df[id]++;
    if (m % 2000 === 1999) yield;
  }
  return { ...vocabulary, df, documents: members.length };
}

/**
 * Places one paper in the topics a discovery learnt, without changing them:
 * its nearest topic (and subtopic), plus a close second. Costs one vector and
 * k dot products: well under a millisecond.
 */
export function placePaper(paper: DiscoverablePaper, model: DiscoveryModel): string[] {
  if (model.top.k === 0) return [FALLBACK_TOPIC_ID];
  const v = vectorOf(stemCounts(paper), model.vocabulary);
  if (v.ids.length < MIN_TERMS) return [FALLBACK_TOPIC_ID];
  const near = nearest(v, model.top.centroids, model.top.k, new Float64Array(model.top.k));
  if (near.bestSim <= 0) return [FALLBACK_TOPIC_ID];
  let primary = model.top.topicIds[near.best];
  const sub = model.sub.get(primary);
  if (sub) primary = sub.topicIds[nearest(v, sub.centroids, sub.k, new Float64Array(sub.k)).best];
  const ids = [primary];
  if (near.second >= 0 && near.secondSim > 0 && near.secondSim >= SECONDARY_SHARE * near.bestSim) ids.push(model.top.topicIds[near.second]);
  return ids;
}
