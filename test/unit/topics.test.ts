import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEmbeddedCorpus } from '../../src/core/sources/corpus';
import { assignTopics, classify, explainTopic, MIN_SCORE } from '../../src/core/topics/classify';
import { parseKeyword } from '../../src/core/topics/keywords';
import { DEFAULT_TAXONOMY, resolveTaxonomy, type TopicSetting } from '../../src/core/topics/taxonomy';
import type { DraftPaper } from '../../src/core/model';

const corpusDir = join(process.cwd(), 'media', 'corpus');
const { papers } = loadEmbeddedCorpus(
  readFileSync(join(corpusDir, 'efficient-llm-papers.txt'), 'utf8'),
  readFileSync(join(corpusDir, 'papers-metadata.json'), 'utf8'),
);

function paper(title: string, abstract?: string, extra: Partial<DraftPaper> = {}): DraftPaper {
  return { title, abstract, authors: [], keywords: [], origin: { source: 'test', kind: 'text' }, ...extra };
}

function find(start: string): DraftPaper {
  const p = papers.find((x) => x.title.startsWith(start));
  assert.ok(p, `no paper titled "${start}..."`);
  return p;
}

/**
 * Primary topics decided by reading each title and abstract, as a researcher
 * in efficient LLMs would file them. Papers that sit between two topics
 * (LServe, Kinetics, The Journey Matters, N:M training co-design) are left out.
 */
const EXPECTED: [string, string][] = [
  ['Training Long-Context LLMs Efficiently via Chunk-wise', 'long-context'],
  ['Sparse MeZO', 'zeroth-order'],
  ['Sparse Finetuning for Inference Acceleration', 'pruning'],
  ['GQSA', 'quantization'],
  ['Dynamic Sparse Learning', 'sparse-training'],
  ['Hardware-Aware Parallel Prompt Decoding', 'serving'],
  ['Progressive Gradient Flow for Robust N:M Sparsity Training', 'sparse-training'],
  ['8-bit Optimizers via Block-wise Quantization', 'optimizers'],
  ['S²FT', 'peft'],
  ['Data-Centric and Heterogeneity-Adaptive Sequence Parallelism', 'long-context'],
  ['SliceGPT', 'pruning'],
  ['LeMo', 'long-context'],
  ['EvoPress', 'compression'],
  ['COMET', 'moe'],
  ['Cache-Craft', 'sparse-attention-kv'],
  ['CFSP', 'pruning'],
  ['Post-Training Sparse Attention with Double Sparsity', 'sparse-attention-kv'],
  ['Sparse Model Soups', 'pruning'],
  ['EMS: Adaptive Evict-then-Merge', 'sparse-attention-kv'],
  ['Transductive Few-Shot Learning', 'other'],
  ['Revisiting Zeroth-Order Optimization', 'zeroth-order'],
  ['HiP Attention', 'sparse-attention-kv'],
  ['Fast Controlled Generation', 'serving'],
  ['MC-MoE', 'moe'],
  ['Layer-wise Importance Matters', 'peft'],
  ['Advancing Model Pruning via Bi-level Optimization', 'pruning'],
  ['Dynamic Sparse No Training', 'pruning'],
  ['Efficient Content-Based Sparse Attention with Routing Transformers', 'sparse-attention-kv'],
  ['ExpertFlow', 'moe'],
  ['LQ-LoRA', 'peft'],
  ['ZO2', 'zeroth-order'],
  ['Sparse Iso-FLOP Transformations', 'sparse-training'],
  ['SARATHI', 'serving'],
  ['Qwen2.5-1M Technical Report', 'long-context'],
  ['COSMOS', 'optimizers'],
  ["Let's Make Block Coordinate Descent", 'other'],
  ['FRUGAL', 'optimizers'],
  ['MoA: Mixture of Sparse Attention', 'sparse-attention-kv'],
  ['In defense of parameter sharing', 'compression'],
  ['A Survey on Inference Optimization Techniques for Mixture of Experts', 'moe'],
  ['SqueezeLLM', 'quantization'],
  ['SVD-Free Low-Rank Adaptive Gradient Optimization', 'optimizers'],
  ['Symbolic Discovery of Optimization Algorithms', 'optimizers'],
  ['Scaling Sparse Fine-Tuning', 'peft'],
  ['ByteScale', 'long-context'],
  ['SMASH', 'sparse-kernels'],
  ['PAT: Pruning-Aware Tuning', 'pruning'],
  ['SnapKV', 'sparse-attention-kv'],
  ['Towards Competitive Search Relevance', 'other'],
  ['FineQuant', 'quantization'],
  ['Fast Sparse ConvNets', 'sparse-kernels'],
  ['ZipVL', 'sparse-attention-kv'],
  ['Predictable Scale', 'scaling-laws'],
  ['BlockLLM', 'serving'],
  ['SCBench', 'sparse-attention-kv'],
  ['Hecate', 'moe'],
  ['SPDF', 'sparse-training'],
  ['Compresso', 'pruning'],
  ['D²MoE', 'moe'],
  ['MoS: Unleashing Parameter Efficiency', 'peft'],
  ['GEAR', 'sparse-attention-kv'],
  ['Sparsity-Constrained Optimal Transport', 'other'],
  ['ShadowKV', 'sparse-attention-kv'],
  ['From GaLore to WeLore', 'compression'],
];

describe('topics: the default taxonomy on the embedded corpus', () => {
  const results = papers.map((p) => classify(p, DEFAULT_TAXONOMY));
  const ids = new Set(DEFAULT_TAXONOMY.map((t) => t.id));

  it('gives every paper a known topic', () => {
    results.forEach((r, i) => {
      assert.ok(ids.has(r.primary), `${papers[i].title}: ${r.primary}`);
      for (const s of r.secondary) assert.ok(ids.has(s) && s !== r.primary);
    });
  });

  it('puts no more than 25% of the papers in one topic', () => {
    const counts = new Map<string, number>();
    for (const r of results) counts.set(r.primary, (counts.get(r.primary) ?? 0) + 1);
    for (const [id, n] of counts) assert.ok(n <= 75 * 0.25, `${id} holds ${n} papers`);
  });

  it('leaves at most 10% of the papers in "other"', () => {
    const other = results.filter((r) => r.primary === 'other').length;
    assert.ok(other <= 75 * 0.1, `${other} papers in other`);
  });

  it('uses most topics of the taxonomy', () => {
    assert.ok(new Set(results.map((r) => r.primary)).size >= 12);
  });

  // A fit check, not an exam: the taxonomy's keywords were written while reading these papers.
  // How it does on papers it was not written from is measured in topicsQuality.test.ts.
  it('files at least 90% of the hand-labelled embedded papers as labelled', () => {
    const misses = EXPECTED.filter(([title, id]) => classify(find(title), DEFAULT_TAXONOMY).primary !== id);
    assert.ok(misses.length <= EXPECTED.length * 0.1, `misfiled: ${misses.map(([t, id]) => `${t} (${id})`).join('; ')}`);
  });

  it('files a hand-labelled paper correctly under every topic of the taxonomy', () => {
    for (const topic of DEFAULT_TAXONOMY) {
      const right = EXPECTED.filter(([title, id]) => id === topic.id && classify(find(title), DEFAULT_TAXONOMY).primary === id);
      assert.ok(right.length > 0, `no hand-labelled paper is filed under ${topic.id}`);
    }
  });

  it('names secondary topics for papers that span two areas', () => {
    assert.ok(classify(find('LServe'), DEFAULT_TAXONOMY).secondary.length > 0);
    assert.ok(classify(find('LQ-LoRA'), DEFAULT_TAXONOMY).secondary.includes('quantization'));
  });
});

describe('topics: stated topics and keywords', () => {
  it('lets topics stated by the source win over derived ones', () => {
    const p = { ...find('SnapKV'), statedTopics: ['quantization'] };
    const r = classify(p, DEFAULT_TAXONOMY);
    assert.equal(r.primary, 'quantization');
    assert.deepEqual(r.stated, ['quantization']);
    assert.equal(r.secondary[0], 'sparse-attention-kv');
  });

  it('treats a source keyword equal to a topic id or label as stated', () => {
    const byLabel = classify(paper('Something about KV cache eviction', undefined, { keywords: ['Mixture of experts'] }), DEFAULT_TAXONOMY);
    assert.equal(byLabel.primary, 'moe');
    const byId = classify(paper('Untitled', undefined, { keywords: ['zeroth-order'] }), DEFAULT_TAXONOMY);
    assert.equal(byId.primary, 'zeroth-order');
  });

  it('ignores stated topics that are not in the taxonomy', () => {
    const r = classify(paper('Structured pruning of LLMs', undefined, { statedTopics: ['no-such-topic'] }), DEFAULT_TAXONOMY);
    assert.equal(r.primary, 'pruning');
    assert.deepEqual(r.stated, []);
  });

  it('uses other keywords as evidence', () => {
    const r = classify(paper('A study', undefined, { keywords: ['speculative decoding', 'serving'] }), DEFAULT_TAXONOMY);
    assert.equal(r.primary, 'serving');
  });

  it('sends a paper without evidence to other', () => {
    assert.equal(classify(paper('On the history of typography'), DEFAULT_TAXONOMY).primary, 'other');
    assert.equal(classify(paper(''), DEFAULT_TAXONOMY).primary, 'other');
  });

  it('matches hyphenated, plural and prefix forms', () => {
    assert.equal(classify(paper('KV-Caches Evicted Early'), DEFAULT_TAXONOMY).primary, 'sparse-attention-kv');
    assert.equal(classify(paper('Pruned Transformers'), DEFAULT_TAXONOMY).primary, 'pruning');
    assert.equal(classify(paper('Zeroth Order Fine Tuning'), DEFAULT_TAXONOMY).primary, 'zeroth-order');
  });
});

describe('topics: explainTopic', () => {
  it('says which terms matched where', () => {
    const lines = explainTopic(find('ShadowKV'), 'sparse-attention-kv', DEFAULT_TAXONOMY);
    assert.ok(lines.some((l) => /^"kv cache" in the title \(\+12\)/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /"kv cache" .*in the abstract/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /^score \d/.test(l)));
  });

  it('says when the source stated the topic', () => {
    const lines = explainTopic(paper('x', undefined, { statedTopics: ['moe'] }), 'moe', DEFAULT_TAXONOMY);
    assert.equal(lines[0], 'stated by source (topics: moe)');
  });

  it('explains the fallback topic', () => {
    const lines = explainTopic(find('Transductive Few-Shot'), 'other', DEFAULT_TAXONOMY);
    assert.ok(lines.some((l) => l.includes(`reached a score of ${MIN_SCORE}`)), lines.join('\n'));
  });

  it('reports an unknown topic id', () => {
    assert.match(explainTopic(find('SnapKV'), 'nope', DEFAULT_TAXONOMY)[0], /not a topic/);
  });
});

describe('topics: assignTopics', () => {
  it('fills topics with the primary first', () => {
    const copies = papers.map((p) => ({ ...p }));
    assignTopics(copies, DEFAULT_TAXONOMY);
    copies.forEach((p) => {
      const r = classify(p, DEFAULT_TAXONOMY);
      assert.deepEqual(p.topics, [r.primary, ...r.secondary]);
    });
  });

  // Its speed at this size is measured by the bench (the "assemble" row of BENCHMARKS.md), not here.
  it('classifies 100,000 papers exactly as it classifies each of them alone', function () {
    this.timeout(60000);
    const many: DraftPaper[] = [];
    for (let i = 0; i < 100_000; i++) many.push({ ...papers[i % papers.length] });
    assignTopics(many, DEFAULT_TAXONOMY);
    const alone = papers.map((p) => {
      const r = classify(p, DEFAULT_TAXONOMY);
      return [r.primary, ...r.secondary];
    });
    many.forEach((p, i) => assert.deepEqual(p.topics, alone[i % papers.length], p.title));
  });
});

describe('topics: custom taxonomies', () => {
  it('parses keyword weights and rejects bad ones', () => {
    assert.deepEqual(parseKeyword('KV-cache^3'), { words: ['kv', 'cache'], weight: 3, phrase: 'KV-cache' });
    assert.deepEqual(parseKeyword('prun*'), { words: ['prun*'], weight: 1, phrase: 'prun*' });
    assert.equal(typeof parseKeyword('x^100'), 'string');
    assert.equal(typeof parseKeyword('^^'), 'string');
    assert.equal(typeof parseKeyword('--'), 'string');
    assert.equal(typeof parseKeyword('a*'), 'string');
  });

  it('extends the defaults: new topics go before other, known ids are merged', () => {
    const custom: TopicSetting[] = [
      { id: 'retrieval', label: 'Retrieval', keywords: ['retriever*^3', 'inverted index^2'] },
      { id: 'moe', label: 'MoE', keywords: ['optimal transport^3'] },
    ];
    const { taxonomy, problems } = resolveTaxonomy(custom, 'extend');
    assert.deepEqual(problems, []);
    const ids = taxonomy.map((t) => t.id);
    assert.equal(ids.length, DEFAULT_TAXONOMY.length + 1);
    assert.equal(ids[ids.length - 1], 'other');
    assert.equal(ids[ids.length - 2], 'retrieval');
    const moe = taxonomy.find((t) => t.id === 'moe')!;
    assert.equal(moe.label, 'MoE');
    assert.ok(moe.keywords.includes('moe^4') && moe.keywords.includes('optimal transport^3'));
    // The defaults are not changed.
    assert.equal(DEFAULT_TAXONOMY.find((t) => t.id === 'moe')!.label, 'Mixture of experts');
    assert.equal(classify(find('Towards Competitive Search Relevance'), taxonomy).primary, 'retrieval');
    assert.equal(classify(find('Sparsity-Constrained Optimal Transport'), taxonomy).primary, 'moe');
  });

  it('replaces the defaults and keeps a fallback', () => {
    const { taxonomy, problems } = resolveTaxonomy([{ id: 'attention', label: 'Attention', keywords: ['attention^2'] }], 'replace');
    assert.deepEqual(problems, []);
    assert.deepEqual(taxonomy.map((t) => t.id), ['attention', 'other']);
    assert.equal(classify(find('HiP Attention'), taxonomy).primary, 'attention');
    assert.equal(classify(find('SqueezeLLM'), taxonomy).primary, 'other');
  });

  it('reports bad input and never throws', () => {
    const bad = [
      null,
      'pruning',
      { label: 'no id' },
      { id: 'Bad Id!' },
      { id: 'ok-topic', label: 42, description: [], keywords: ['fine', 7, 'x^99', ''] },
      { id: 'ok-topic', keywords: ['more'] },
      { id: 'list', keywords: 'not a list' },
    ];
    const { taxonomy, problems } = resolveTaxonomy(bad as unknown as TopicSetting[], 'replace');
    assert.deepEqual(taxonomy.map((t) => t.id), ['ok-topic', 'list', 'other']);
    const ok = taxonomy[0];
    assert.equal(ok.label, 'ok-topic');
    assert.deepEqual(ok.keywords, ['fine', 'more']);
    const messages = problems.map((p) => p.message).join('\n');
    for (const fragment of ['Topic 1 is not an object', 'Topic 2 is not an object', 'Topic 3 needs an "id"', 'Topic 4 needs an "id"', '"label" must be', '"description" must be', 'weight 99', 'appears twice', '"keywords" must be a list', 'has no keywords']) {
      assert.ok(messages.includes(fragment), `missing "${fragment}" in\n${messages}`);
    }
    assert.doesNotThrow(() => resolveTaxonomy({ not: 'a list' }, 'extend'));
    assert.equal(resolveTaxonomy({ not: 'a list' }, 'extend').problems[0].severity, 'error');
    assert.equal(resolveTaxonomy(undefined, 'sideways').taxonomy.length, DEFAULT_TAXONOMY.length);
    assert.equal(resolveTaxonomy(undefined, 'sideways').problems.length, 1);
  });
});
