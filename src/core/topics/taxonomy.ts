/**
 * The topic taxonomy papers are classified into: its types, and the two ways
 * to get one, the default (defaultTaxonomy.ts) or the default merged with
 * topics a user configures (topicSettings.ts). Keyword syntax: keywords.ts.
 *
 * A topic with `fallback: true` (the default taxonomy's `other`) takes the
 * papers no other topic scores for.
 */

export interface Topic {
  /** Stable id: lowercase letters, digits, `-`, `_`, `.`. */
  id: string;
  label: string;
  description: string;
  /** Weighted phrases, see keywords.ts for the syntax. */
  keywords: string[];
  /** The catch-all topic for papers nothing else matches. */
  fallback?: boolean;
}

/** Topics in display order. */
export type Taxonomy = readonly Topic[];

/** A topic as a user writes it in settings; everything but `id` is optional. */
export interface TopicSetting {
  id: string;
  label?: string;
  description?: string;
  keywords?: string[];
}

export type TaxonomyMode = 'extend' | 'replace';

export { DEFAULT_TAXONOMY, FALLBACK_TOPIC_ID } from './defaultTaxonomy';
export { resolveTaxonomy } from './topicSettings';
