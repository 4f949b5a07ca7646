/**
 * The topic taxonomy papers are classified into, and the merge of the
 * default taxonomy with topics a user configures.
 *
 * Keyword syntax (one phrase per string, matched case-insensitively on
 * whole words, with hyphens, slashes and colons treated as spaces and a
 * plural `s` ignored):
 *
 * - `kv cache`      the words `kv` then `cache` (also `KV-cache`, `KV caches`)
 * - `prun*`         any word starting with `prun` (prune, pruning, pruned)
 * - `kv cache^3`    weight 3 (default 1); weights between 0.1 and 10
 *
 * A topic with `fallback: true` (the default taxonomy's `other`) takes the
 * papers no other topic scores for.
 */

import type { Problem } from '../model';

export interface Topic {
  /** Stable id: lowercase letters, digits, `-`, `_`, `.`. */
  id: string;
  label: string;
  description: string;
  /** Weighted phrases, see the module comment for the syntax. */
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

export const FALLBACK_TOPIC_ID = 'other';

export const DEFAULT_TAXONOMY: Taxonomy = [
  {
    id: 'pruning',
    label: 'Pruning & sparsification',
    description: 'Removing weights, neurons, channels or layers from a trained model (unstructured, N:M, structured pruning) and recovering accuracy afterwards.',
    keywords: [
      'prun*^3', 'pruned model^2', 'structured pruning^3', 'unstructured pruning^3', 'one shot pruning^2', 'layer dropping^2',
      'sparsif*^2', 'sparse llm^2', 'sparse model^1.5', 'sparse network^1.5', 'sparse finetuning^2', 'sparse fine tuning^1',
      'sparsity^1', 'sparsity ratio^2', 'high sparsity^1.5', 'weight sparsity^2', 'lottery ticket^2', 'magnitude pruning^2',
      'sparsegpt^3', 'wanda^3', 'deleting rows^3', 'rows and columns^2', 'model averaging^2', 'model soup^3', 'compact^1',
      'remove^0.5', 'removing^0.5', 'recover accuracy^1', 'recovering accuracy^1', 'sparse neural network^2', 'pruning ratio^2',
    ],
  },
  {
    id: 'quantization',
    label: 'Quantization',
    description: 'Low-bit weights, activations or caches: post-training and quantization-aware methods, mixed precision, weight-only quantization.',
    keywords: [
      'quantiz*^3', 'low bit^2', 'bit width^2', 'bitwidth^2', '4 bit^1.5', '3 bit^1.5', '2 bit^1.5', 'int4^2', 'int8^2',
      'mixed precision^2', 'weight only^2', 'outlier*^1', 'ultra low precision^2', 'gptq^3', 'awq^3', 'precision^0.5',
      'dense and sparse^1', 'group quantization^3',
    ],
  },
  {
    id: 'sparse-attention-kv',
    label: 'Sparse attention & KV cache',
    description: 'Attention that skips tokens or blocks, sub-quadratic attention, and keeping the key-value cache small (eviction, merging, compression, offloading, reuse).',
    keywords: [
      'sparse attention^4', 'attention sparsity^3', 'attention head*^1.5', 'attention^0.75', 'sub quadratic^3', 'quadratic complexity^1.5',
      'kv cache^4', 'kv^2', 'kvs^2', 'key value^2', 'key value cache^2', 'token eviction^3', 'evict*^2', 'cache compression^3',
      'token sparsi*^3', 'token selection^2', 'prefill*^1', 'pre filling^1', 'routing attention^3', 'content based sparse attention^3',
      'attention span^2', 'heavy hitter*^2', 'chunk cache*^3', 'retrieval augmented generation^1', 'rag^1',
      'channel sparsity^2', 'query^0.5', 'attention pruning^3', 'long context inference^2',
    ],
  },
  {
    id: 'moe',
    label: 'Mixture of experts',
    description: 'Sparsely activated models: expert routing, MoE training and inference systems, compressing experts, conditional computation.',
    keywords: [
      'mixture of expert*^4', 'moe^4', 'expert*^1.5', 'router^2', 'routing^1', 'gating^1.5', 'sparsely activated^2', 'top k^1',
      'expert parallelism^3', 'expert load*^3', 'adaptive computation^3', 'conditional computation^3', 'early exit^1.5',
      'dynamic routing^2',
    ],
  },
  {
    id: 'optimizers',
    label: 'Memory-efficient optimizers',
    description: 'Optimizers and training methods that cut optimizer-state or gradient memory: low-bit states, low-rank gradient projection, new update rules.',
    keywords: [
      'optimizer*^3', 'optimizer state*^4', 'optimization algorithm*^2', 'adam^2', 'adamw^2', 'adafactor^3', 'momentum^2',
      'gradient projection^3', 'low rank gradient*^3', 'galore^2', 'state overhead^3', 'memory efficient training^2',
      '8 bit optimizer*^4', 'block wise quantization^2', 'full rank update*^2', 'sign momentum^3', 'second moment^2',
      'preconditioner^2', 'update rule^1.5', 'low rank optimization^3', 'adaptive optimizer*^4', 'adaptive gradient^3',
      'gradient optimization^2', 'project* gradient*^2', 'language model training^1', 'pre training^0.5',
    ],
  },
  {
    id: 'peft',
    label: 'Parameter-efficient fine-tuning',
    description: 'Adapting a model by training few parameters: LoRA and its variants, adapters, sparse fine-tuning of selected weights.',
    keywords: [
      'parameter efficient^4', 'peft^4', 'lora^4', 'low rank adaptation^4', 'adapter*^2', 'fine tun*^1.5', 'finetun*^1.5',
      'sparse fine tuning^2', 'sparse finetuning^1', 'trainable parameter*^2', 'few parameters^1.5', 'qlora^4',
      'instruction tuning^1', 'memory efficient adaptation^3', 'adaptation^1', 'selecting sparse^2', 'shard*^1', 'downstream task*^1',
    ],
  },
  {
    id: 'zeroth-order',
    label: 'Zeroth-order optimization',
    description: 'Fine-tuning with forward passes only: zeroth-order gradient estimates (MeZO and successors).',
    keywords: [
      'zeroth order^5', 'zo^3', 'mezo^5', 'forward pass*^2', 'gradient free^4', 'derivative free^4', 'gradient estimat*^2',
      'backpropagation free^4',
    ],
  },
  {
    id: 'sparse-training',
    label: 'Sparse training',
    description: 'Training networks that stay sparse: dynamic sparse training, N:M sparsity during training, sparse pre-training, sparse scaling laws.',
    keywords: [
      'sparse training^4', 'sparsity training^4', 'dynamic sparse^3', 'sparse pre training^4', 'sparse pretraining^4',
      'sparse learning^3', 'n m sparsity^3', 'n m sparse^3', 'from scratch^1', 'during training^1.5', 'train*^0.5',
      'sparse and dense^2', 'iso flop^3', 'flops^1', 'parameter count^2', 'scaling law*^1', 'dense fine tuning^2',
      'sparse weight*^1', 'sparse transformation*^3', 'gradient flow^2', 'sparse pattern*^1',
    ],
  },
  {
    id: 'long-context',
    label: 'Long-context training',
    description: 'Training and fine-tuning on long sequences: sequence and context parallelism, chunk-wise training, context extension.',
    keywords: [
      'long context^3', 'context length^3', 'long sequence*^2', 'sequence length*^2', 'sequence parallelism^4',
      'context parallelism^4', 'context window^2', 'context extension^3', '1m^2', '2048k^3', 'million token*^2',
      'chunk wise^2', 'long context training^4', 'context fine tuning^3', 'long text^1', 'data heterogeneity^2',
      'training cost*^1', 'activation memory^2', 'more context^3',
    ],
  },
  {
    id: 'serving',
    label: 'Serving & decoding',
    description: 'Making generation fast in production: inference and serving systems, batching and scheduling, speculative and parallel decoding, constrained sampling.',
    keywords: [
      'serving^3', 'inference system^3', 'inference engine^2', 'speculative decoding^4', 'parallel decoding^3', 'decoding^1.5',
      'batch*^1', 'scheduling^1.5', 'throughput^1', 'latency^1', 'prefill and decode^2', 'decode*^1', 'multi tenant^3',
      'piggyback*^3', 'chunked prefill*^3', 'pipeline bubble*^2', 'sampling^1.5', 'rejection sampling^4', 'constrained^1.5',
      'generation^0.5', 'test time^2', 'inference time^1', 'inference^0.5',
    ],
  },
  {
    id: 'compression',
    label: 'Low-rank & model compression',
    description: 'Compression that is not plain pruning or quantization: low-rank factorisation, weight decomposition, parameter sharing, distillation, non-uniform compression and its evaluation.',
    keywords: [
      'low rank^2', 'rank reduction^3', 'decompos*^2', 'svd^1', 'factori*^2', 'parameter sharing^4',
      'distillation^1.5', 'knowledge distillation^1.5', 'model compression^3', 'compress*^1.5', 'compression ratio*^2',
      'non uniform^2', 'evolutionary search^3', 'compression level*^2', 'compressed llm*^2', 'memory footprint^1',
    ],
  },
  {
    id: 'sparse-kernels',
    label: 'Sparse kernels & hardware',
    description: 'Executing sparse computation fast: sparse matrix kernels (SpMM, SpGEMM), inference engines for sparse networks, accelerators and co-design.',
    keywords: [
      'spgemm^5', 'spmm^4', 'sparse matrix^3', 'sparse matrices^3', 'kernel*^1.5', 'accelerator*^2', 'fpga^3', 'hardware^1.5',
      'co design^2', 'dataflow^3', 'mobile^2', 'edge device*^1', 'arm^1.5', 'cpu^1', 'inference engine^2', 'scratchpad^4',
      'hashing^2', 'dram^2', 'memory bandwidth^1', 'convnet*^2', 'mobilenet^2', 'sparse primitive*^3',
    ],
  },
  {
    id: 'scaling-laws',
    label: 'Scaling laws & training recipes',
    description: 'How performance scales with parameters, data and compute, and the hyperparameters that follow from it.',
    keywords: [
      'scaling law*^4', 'hyperparameter*^2', 'learning rate^2', 'batch size^1', 'compute optimal^3', 'power law^3',
      'test time scaling^3', 'chinchilla^3',
    ],
  },
  {
    id: FALLBACK_TOPIC_ID,
    label: 'Other',
    description: 'Papers no other topic matches.',
    keywords: [],
    fallback: true,
  },
];

// ---------------------------------------------------------------------------
// Keyword syntax

export interface ParsedKeyword {
  /** Normalized words; a word ending in `*` matches by prefix. */
  words: string[];
  weight: number;
  /** The phrase as written, without the weight. */
  phrase: string;
}

/**
 * Normalizes one word the way the classifier normalizes text: lowercase,
 * accents folded, a plural `s` dropped (`-ies` → `-y`).
 */
export function normalizeWord(word: string): string {
  const w = word.toLowerCase();
  const n = w.length;
  if (n <= 3 || w.charCodeAt(n - 1) !== 115 /* s */) return w;
  if (n > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  const before = w.charCodeAt(n - 2);
  // Keep -ss, -us, -is: class, corpus, analysis.
  if (before === 115 || before === 117 || before === 105) return w;
  return w.slice(0, -1);
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Splits text into normalized words (what keywords are matched against). */
export function tokenize(text: string): string[] {
  const folded = (NON_ASCII.test(text) ? text.normalize('NFKD') : text).toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 32;
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(normalizeWord(folded.slice(start, i)));
      start = -1;
    }
  }
  return out;
}

/** Parses `phrase^weight`; returns a message string for an unusable keyword. */
export function parseKeyword(keyword: string): ParsedKeyword | string {
  if (typeof keyword !== 'string') return 'a keyword must be a string';
  let text = keyword.trim();
  let weight = 1;
  const m = /\^\s*([0-9]*\.?[0-9]+)\s*$/.exec(text);
  if (m) {
    weight = Number(m[1]);
    text = text.slice(0, m.index).trim();
    if (!(weight >= 0.1 && weight <= 10)) return `weight ${m[1]} in "${keyword}" is outside 0.1–10`;
  } else if (text.includes('^')) {
    return `"${keyword}" has a "^" that is not followed by a number (write "phrase^2")`;
  }
  const parts = text.split(/\s+|(?<=\S)[-/:](?=\S)/).filter((p) => p !== '');
  const words: string[] = [];
  for (const part of parts) {
    const prefix = part.endsWith('*');
    const core = prefix ? part.slice(0, -1) : part;
    const tokens = tokenize(core);
    if (tokens.length === 0) continue;
    if (prefix) {
      const last = core.normalize('NFKD').toLowerCase().match(/[a-z0-9]+/g)!;
      // The prefix itself is not plural-normalized: `experts*` stays as written.
      tokens[tokens.length - 1] = `${last[last.length - 1]}*`;
      if (last[last.length - 1].length < 3) return `prefix "${part}" in "${keyword}" is too short (3 letters at least)`;
    }
    words.push(...tokens);
  }
  if (words.length === 0) return `"${keyword}" has no letters or digits to match`;
  return { words, weight, phrase: text };
}

// ---------------------------------------------------------------------------
// Custom taxonomies

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
