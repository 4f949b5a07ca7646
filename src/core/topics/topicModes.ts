/**
 * How a library's papers get their topics, per `litnotes.topicsMode`:
 *
 * - `auto` (default): the taxonomy files the papers it claims with
 *   confidence (a stated topic, or a score of `CONFIDENT_SCORE`); topics are
 *   discovered among the rest (discover/discover.ts). A library on another
 *   subject is all discovered; an efficient-LLM library is all taxonomy.
 * - `extend` / `replace`: the taxonomy only (default topics plus the user's,
 *   or the user's alone); what it does not claim is "Other".
 * - `discover`: discovery only.
 *
 * Discovery keeps what it learnt (`TopicState`). The next load reuses it:
 * papers are placed in the existing topics (new and edited ones join their
 * nearest topic; unchanged ones land where they were), unless the set of
 * papers to place changed by more than `REDISCOVER_SHARE`, or a full
 * rediscovery is asked for (reload command).
 */
import type { Paper } from '../model';
import type { Steps } from '../slices';
import { classify } from './classify';
import { FALLBACK_TOPIC_ID } from './defaultTaxonomy';
import { type DiscoveredTopic, type DiscoveryModel, discoverTopics, placePaper } from './discover/discover';
import type { Taxonomy } from './taxonomy';

export type TopicsMode = 'auto' | 'extend' | 'replace' | 'discover';
export const TOPICS_MODES: readonly TopicsMode[] = ['auto', 'extend', 'replace', 'discover'];

/** A taxonomy topic claims a paper in `auto` mode from this score (the classifier's own minimum is 8). */
export const CONFIDENT_SCORE = 12;
/** Above this change in the papers to place, topics are discovered afresh. */
export const REDISCOVER_SHARE = 0.2;

/** A topic as the views show it. */
export interface CatalogTopic {
  id: string;
  label: string;
  /** Where it comes from: the (default or user) taxonomy, discovery, or a source's stated topics. */
  origin: 'taxonomy' | 'discovered' | 'stated';
  /** Words that define it: discovered topics' distinctive words, taxonomy topics' description. */
  words: string[];
  description?: string;
  parent?: string;
  size?: number;
}

/** What topic assignment learnt, to reuse on the next load. */
export interface TopicState {
  topics: CatalogTopic[];
  model?: DiscoveryModel;
  /** How many papers discovery placed. */
  placed: number;
}

export interface TopicOptions {
  mode: TopicsMode;
  previous?: TopicState;
  /** Discover afresh even when the previous topics could be reused. */
  rediscover?: boolean;
}

/** True when the taxonomy claims this paper in `auto` mode. */
export function claims(result: ReturnType<typeof classify>): boolean {
  if (result.stated.length > 0) return true;
  return result.primary !== FALLBACK_TOPIC_ID && (result.scores[result.primary] ?? 0) >= CONFIDENT_SCORE;
}

/**
 * A paper whose source states topics the taxonomy does not have (front
 * matter `topics: [coral reefs]`) is filed under those, as stated: what the
 * source says wins over anything discovered.
 */
function statedOwnTopics(paper: Paper, stated: Map<string, CatalogTopic>): boolean {
  const ids: string[] = [];
  for (const raw of paper.statedTopics ?? []) {
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const id = `s.${raw.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
    if (!stated.has(id)) stated.set(id, { id, label: raw.trim(), origin: 'stated', words: [] });
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > 0) paper.topics = ids;
  return ids.length > 0;
}

/** The taxonomy as topics for the views. */
export function taxonomyTopics(taxonomy: Taxonomy): CatalogTopic[] {
  return taxonomy.map((t) => ({ id: t.id, label: t.label, origin: 'taxonomy', words: [], description: t.description }));
}

function discoveredTopics(topics: readonly DiscoveredTopic[]): CatalogTopic[] {
  return topics.map((t) => ({ id: t.id, label: t.label, origin: 'discovered', words: t.words, parent: t.parent, size: t.size }));
}

/** Fills every paper's `topics` (primary first) as `options.mode` says; returns the topics in use and what discovery learnt. */
export function* assignLibraryTopics(papers: Paper[], taxonomy: Taxonomy, options: TopicOptions): Steps<TopicState> {
  const mode = options.mode;
  const toDiscover: Paper[] = [];
  const stated = new Map<string, CatalogTopic>();
  // A step per paper: the slices, not fixed batches, decide how long the thread is held (cold, 64 papers took 20 ms).
  for (const paper of papers) {
    const r = mode === 'discover' ? undefined : classify(paper, taxonomy);
    if (r && (mode !== 'auto' || claims(r))) paper.topics = [r.primary, ...r.secondary];
    else if (!statedOwnTopics(paper, stated)) toDiscover.push(paper);
    yield;
  }
  const fromTaxonomy = [...(mode === 'discover' ? [] : taxonomyTopics(taxonomy)), ...stated.values()];
  if (toDiscover.length === 0) return { topics: fromTaxonomy, placed: 0 };

  // Papers with too few words to place go to "other", which the taxonomy may not provide (`discover` mode).
  const fallback = fromTaxonomy.some((t) => t.id === FALLBACK_TOPIC_ID) ? [] : [{ id: FALLBACK_TOPIC_ID, label: 'Other', origin: 'discovered' as const, words: [] }];
  const previous = options.previous;
  const reuse = !options.rediscover && previous?.model !== undefined && previous.placed > 0
    && Math.abs(toDiscover.length - previous.placed) <= REDISCOVER_SHARE * previous.placed;
  if (reuse) {
    const model = previous.model!;
    for (const paper of toDiscover) {
      paper.topics = placePaper(paper, model);
      yield;
    }
    return { topics: [...fromTaxonomy, ...discoveredTopics(model.topics), ...fallback], model, placed: toDiscover.length };
  }
  const discovery = yield* discoverTopics(toDiscover);
  toDiscover.forEach((paper, i) => (paper.topics = discovery.topicsOf[i]));
  return { topics: [...fromTaxonomy, ...discoveredTopics(discovery.model.topics), ...fallback], model: discovery.model, placed: toDiscover.length };
}
