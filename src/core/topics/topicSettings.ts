/**
 * The taxonomy in use, from the user's `litnotes.topics` settings: checked
 * entry by entry, merged with or replacing the default taxonomy.
 */
import type { Problem } from '../model';
import { DEFAULT_TAXONOMY, FALLBACK_TOPIC_ID } from './defaultTaxonomy';
import { parseKeyword } from './keywords';
import type { Taxonomy, TaxonomyMode, Topic, TopicSetting } from './taxonomy';

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function cloneTopic(t: Topic): Topic {
  const out: Topic = { id: t.id, label: t.label, description: t.description, keywords: [...t.keywords] };
  if (t.fallback) out.fallback = true;
  return out;
}

/**
 * Builds the taxonomy in use from the user's topic settings.
 *
 * - `extend`: the default topics, with user topics merged by id: a known id
 *   gets the user's label/description and the user's keywords added to its
 *   own; a new id is added before the fallback topic.
 * - `replace`: only the user's topics, plus the default fallback `other`
 *   when none of them is a fallback (so every paper still gets a topic).
 *
 * Bad entries are reported in `problems` and skipped; this never throws.
 */
export function resolveTaxonomy(
  custom: readonly TopicSetting[] | undefined | unknown,
  mode: TaxonomyMode | string = 'extend',
  source = 'settings: litnotes.topics',
): { taxonomy: Taxonomy; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = (severity: Problem['severity'], message: string): void => {
    problems.push({ source, severity, message });
  };
  let effectiveMode: TaxonomyMode = 'extend';
  if (mode === 'replace' || mode === 'extend') effectiveMode = mode;
  else report('warning', `Unknown topic mode "${String(mode)}"; use "extend" or "replace". Using "extend".`);

  const base = effectiveMode === 'extend' ? DEFAULT_TAXONOMY.map(cloneTopic) : [];
  const byId = new Map(base.map((t) => [t.id, t]));
  const added: Topic[] = [];

  let entries: unknown[] = [];
  if (custom === undefined || custom === null) entries = [];
  else if (Array.isArray(custom)) entries = custom;
  else report('error', 'Topics must be a list of objects like { "id": "my-topic", "label": "My topic", "keywords": ["phrase", "other phrase^2"] }.');

  entries.forEach((raw, n) => {
    const at = `Topic ${n + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      report('warning', `${at} is not an object; skipped.`);
      return;
    }
    const e = raw as Record<string, unknown>;
    const id = typeof e.id === 'string' ? e.id.trim().toLowerCase() : undefined;
    if (id === undefined || !ID_PATTERN.test(id)) {
      report('warning', `${at} needs an "id" of lowercase letters, digits, "-", "_" or "." (got ${JSON.stringify(e.id) ?? 'nothing'}); skipped.`);
      return;
    }
    const label = e.label === undefined ? undefined : typeof e.label === 'string' && e.label.trim() !== '' ? e.label.trim() : null;
    if (label === null) report('warning', `${at} ("${id}"): "label" must be a non-empty string; ignored.`);
    const description = e.description === undefined ? undefined : typeof e.description === 'string' ? e.description.trim() : null;
    if (description === null) report('warning', `${at} ("${id}"): "description" must be a string; ignored.`);

    const keywords: string[] = [];
    if (e.keywords !== undefined) {
      if (!Array.isArray(e.keywords)) {
        report('warning', `${at} ("${id}"): "keywords" must be a list of strings; ignored.`);
      } else {
        for (const k of e.keywords) {
          const parsed = parseKeyword(k as string);
          if (typeof parsed === 'string') report('warning', `${at} ("${id}"): ${parsed}; keyword skipped.`);
          else keywords.push((k as string).trim());
        }
      }
    }

    const existing = byId.get(id);
    if (existing) {
      if (added.includes(existing)) report('info', `${at}: "${id}" appears twice; the entries were merged.`);
      if (label) existing.label = label;
      if (typeof description === 'string') existing.description = description;
      for (const k of keywords) if (!existing.keywords.includes(k)) existing.keywords.push(k);
    } else {
      const topic: Topic = { id, label: label || id, description: typeof description === 'string' ? description : '', keywords };
      if (id === FALLBACK_TOPIC_ID) topic.fallback = true;
      byId.set(id, topic);
      added.push(topic);
    }
  });

  let topics: Topic[];
  if (effectiveMode === 'extend') {
    const newOnes = added.filter((t) => !base.includes(t));
    const fallbackAt = base.findIndex((t) => t.fallback);
    topics = fallbackAt < 0 ? [...base, ...newOnes] : [...base.slice(0, fallbackAt), ...newOnes, ...base.slice(fallbackAt)];
  } else {
    topics = added;
    if (!topics.some((t) => t.fallback)) {
      topics.push(cloneTopic(DEFAULT_TAXONOMY.find((t) => t.fallback)!));
    }
  }
  for (const t of topics) {
    if (!t.fallback && t.keywords.length === 0) {
      report('info', `Topic "${t.id}" has no keywords; papers get it only when their source states it.`);
    }
  }
  return { taxonomy: topics, problems };
}
