import { strict as assert } from 'node:assert';
import { SearchIndex, snippet } from '../../src/core/search/searchIndex';
import { runInSlices, runToEnd } from '../../src/core/slices';
import type { Paper } from '../../src/core/model';
import { corpusPapers, paperByTitle } from './helpers/corpus';

function keysFor(index: SearchIndex, query: string, limit = 3): string[] {
  return index.search(query, { limit }).map((h) => h.paper.key);
}

function assertTop3(index: SearchIndex, query: string, titleStart: string): void {
  const expected = paperByTitle(titleStart).key;
  const top = keysFor(index, query);
  assert.ok(top.includes(expected), `"${query}": expected ${expected} in the top 3, got ${top.join(', ')}`);
}

function extraPaper(key: string, title: string, abstract: string): Paper {
  return { key, title, abstract, authors: [{ family: 'Tester', given: 'Tia' }], keywords: [], topics: ['other'], origin: { source: 'extra.bib', kind: 'bibtex' } };
}

describe('search: SearchIndex over the embedded corpus', () => {
  let index: SearchIndex;
  before(() => {
    index = runToEnd(SearchIndex.build(corpusPapers()));
  });

  it('indexes all 75 papers', () => {
    assert.equal(index.size, 75);
    assert.equal(index.get('ashkboos2024slicegpt')?.title.startsWith('SliceGPT'), true);
  });

  it('finds known papers in the top 3 for topic queries', () => {
    assertTop3(index, 'speculative decoding', 'Hardware-Aware Parallel Prompt Decoding');
    assertTop3(index, 'KV cache', 'SCBench');
    assertTop3(index, 'zeroth order', 'ZO2');
    assertTop3(index, 'zeroth order', 'Sparse MeZO');
    assertTop3(index, 'mixture of experts', 'ExpertFlow');
    assertTop3(index, 'quantization', 'SqueezeLLM');
    assertTop3(index, 'evolutionary compression', 'EvoPress');
    assertTop3(index, 'recommendation', 'Dynamic Sparse Learning');
  });

  it('finds papers by author family name', () => {
    assert.deepEqual(keysFor(index, 'Ashkboos'), ['ashkboos2024slicegpt']);
    const alistarh = index.search('Alistarh').map((h) => h.paper.key);
    for (const k of alistarh) assert.ok(index.get(k)?.authors.some((a) => a.family === 'Alistarh'), `${k} has no author Alistarh`);
    assert.ok(alistarh.includes('sieberling2024evopress'));
    assert.ok(alistarh.length >= 4);
  });

  it('searches abstracts: a word found only in an abstract finds its paper', () => {
    const symbolic = paperByTitle('Symbolic Discovery of Optimization Algorithms');
    assert.ok(!/adafactor/i.test(symbolic.title) && !symbolic.keywords.join(' ').match(/adafactor/i));
    assert.match(symbolic.abstract ?? '', /Adafactor/);
    const hits = index.search('Adafactor');
    assert.equal(hits[0]?.paper.key, symbolic.key);
    assert.ok(hits[0].terms.includes('adafactor'));
    assert.equal(keysFor(index, 'JFT')[0], symbolic.key);
  });

  it('matches a partial word as a prefix', () => {
    assert.equal(keysFor(index, 'squeez')[0], paperByTitle('SqueezeLLM').key);
    const hits = index.search('snap');
    assert.ok(hits.some((h) => h.paper.key === 'li2024snapkv'));
  });

  it('tolerates a typo in a longer word', () => {
    assertTop3(index, 'quantizaton', 'SqueezeLLM');
    assertTop3(index, 'recomendation', 'Dynamic Sparse Learning');
    assert.ok(index.search('quantizaton').length > 0);
  });

  it('returns a short snippet around the matched term, with "…" at the cuts', () => {
    const hits = index.search('Adafactor');
    const s = hits[0].snippet;
    assert.match(s, /Adafactor/);
    assert.ok(s.length <= 170, `snippet is ${s.length} chars`);
    assert.ok(s.startsWith('…') && s.endsWith('…'), s);
    assert.ok(!s.includes('  '));
    for (const hit of index.search('sparse', { limit: 75 })) assert.ok(hit.snippet.length <= 170, hit.snippet);
  });

  it('snippet(): short text whole; the term kept in view; cut at word boundaries', () => {
    assert.equal(snippet('  short\n text  ', ['short']), 'short text');
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`);
    const text = words.join(' ');
    const s = snippet(text, ['word60']);
    assert.match(s, /\bword60\b/);
    assert.ok(s.startsWith('…') && s.endsWith('…'));
    assert.ok(s.length <= 170);
    // No word is cut in half.
    for (const w of s.replace(/…/g, '').split(' ')) assert.ok(words.includes(w), `cut word "${w}"`);
    // At the start there is no leading ellipsis.
    const first = snippet(text, ['word0']);
    assert.ok(first.startsWith('word0 ') && first.endsWith('…'));
  });

  it('respects the limit', () => {
    assert.equal(index.search('sparse', { limit: 5 }).length, 5);
    assert.equal(index.search('sparse', { limit: 1 }).length, 1);
    assert.ok(index.search('sparse').length <= 50);
    assert.ok(index.search('sparse').length > 5);
  });

  it('returns nothing for an empty or blank query', () => {
    assert.deepEqual(index.search(''), []);
    assert.deepEqual(index.search('   \n\t'), []);
  });

  it('ranks hits by descending score', () => {
    const scores = index.search('sparse attention', { limit: 20 }).map((h) => h.score);
    for (let i = 1; i < scores.length; i++) assert.ok(scores[i - 1] >= scores[i]);
  });

  it('falls back to any word when not all words match', () => {
    const hits = index.search('SliceGPT xyzzyplugh');
    assert.equal(hits[0]?.paper.key, 'ashkboos2024slicegpt');
  });

  it('related(key) excludes the paper itself and puts same-topic papers first', () => {
    const zo2 = paperByTitle('ZO2');
    const related = index.related(zo2.key, 10).map((h) => h.paper.key);
    assert.ok(!related.includes(zo2.key));
    assert.ok(related.length > 0 && related.length <= 10);
    const sameTopic = corpusPapers().filter((p) => p.key !== zo2.key && p.topics.includes('zeroth-order')).map((p) => p.key);
    assert.equal(sameTopic.length, 2);
    assert.deepEqual(new Set(related.slice(0, 2)), new Set(sameTopic));

    for (const key of ['li2024snapkv', 'kang2024gear']) {
      const hits = index.related(key, 5);
      assert.ok(!hits.some((h) => h.paper.key === key));
      for (const h of hits.slice(0, 3)) assert.ok(h.paper.topics.includes('sparse-attention-kv'), `${h.paper.key} for ${key}`);
    }
    assert.deepEqual(index.related('no-such-key'), []);
  });

  const restore = (bytes: Uint8Array, papers: Paper[]) => runToEnd(SearchIndex.restore(bytes, papers));

  it('a toBytes/restore round trip gives identical results', () => {
    const bytes = index.toBytes();
    const restored = restore(bytes, corpusPapers());
    assert.equal(restored.size, 75);
    for (const q of ['KV cache', 'quantizaton', 'squeez', 'Alistarh', 'Adafactor', 'mixture of experts']) {
      const a = index.search(q).map((h) => [h.paper.key, h.score, h.snippet]);
      const b = restored.search(q).map((h) => [h.paper.key, h.score, h.snippet]);
      assert.ok(a.length > 0, q);
      assert.deepEqual(b, a, q);
    }
    assert.deepEqual(restored.related('wang2025zo2').map((h) => h.paper.key), index.related('wang2025zo2').map((h) => h.paper.key));
    // Saving the restored index gives the same bytes; a misaligned copy loads too.
    assert.deepEqual(restored.toBytes(), bytes);
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    assert.equal(restore(shifted, corpusPapers()).search('KV cache')[0].paper.key, index.search('KV cache')[0].paper.key);
  });

  it('the saved bytes in parts: the same bytes, the arrays written from the index itself (no copy)', () => {
    const parts = runToEnd(index.toBytePartsSteps());
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      joined.set(part, at);
      at += part.length;
    }
    assert.deepEqual(joined, index.toBytes());
    // A restored index views the bytes it was read from: its parts after the header are views of those same bytes.
    const restored = restore(joined, corpusPapers());
    const again = runToEnd(restored.toBytePartsSteps());
    const arrays = again.slice(1).filter((part) => part.length >= 4);
    assert.ok(arrays.length >= 3, 'offsets, documents and weights of each segment');
    assert.ok(arrays.every((part) => part.buffer === joined.buffer), 'the arrays are written from the index itself, not copied');
    assert.deepEqual(restored.search('KV cache').map((h) => h.paper.key), index.search('KV cache').map((h) => h.paper.key));
  });

  it('restores a large index in many steps, to the same results', () => {
    const words = ['sparse', 'attention', 'graph', 'protein', 'folding', 'kernel', 'entropy', 'lattice', 'quantum', 'tensor'];
    const many = Array.from({ length: 20000 }, (_, i) => extraPaper(`p${i}`, `${words[i % 10]} ${words[(i * 7) % 10]} study ${i}`, `On ${words[(i * 3) % 10]} and ${words[(i * 9 + 1) % 10]}.`));
    const large = runToEnd(SearchIndex.build(many));
    const steps = SearchIndex.restore(large.toBytes(), many);
    let count = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) count++;
    const restored = step.value;
    assert.ok(count >= 20000 * 2 / 8192, `${count} steps`);
    assert.equal(restored.size, 20000);
    for (const q of ['graph kernel', 'quantum lattice', 'study 19999']) {
      assert.deepEqual(restored.search(q).map((h) => [h.paper.key, h.score]), large.search(q).map((h) => [h.paper.key, h.score]), q);
    }
  });

  it('restore refuses foreign, truncated or mismatched data', () => {
    const bytes = index.toBytes();
    assert.throws(() => restore(new TextEncoder().encode('{"not": "an index"}'), corpusPapers()), /not a saved LitNotes index/);
    assert.throws(() => restore(bytes.subarray(0, bytes.length - 100), corpusPapers()), /truncated/);
    assert.throws(() => restore(bytes, corpusPapers().slice(1)), /74/);
  });

  it('a build in time slices gives the same index, reporting progress up to the total', async () => {
    const progress: number[] = [];
    // A 0 ms budget ends a slice after every step, so progress is reported many times.
    const sliced = await runInSlices(SearchIndex.build(corpusPapers()), 0, (done) => progress.push(done));
    assert.ok(progress.length > 10, `${progress.length} reports`);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i] >= progress[i - 1]);
    assert.equal(Math.max(...progress), 75);
    for (const q of ['KV cache', 'sparse attention', 'quantizaton']) {
      assert.deepEqual(sliced.search(q).map((h) => [h.paper.key, h.score]), index.search(q).map((h) => [h.paper.key, h.score]), q);
    }
  });
});

describe('search: updating the index', () => {
  const update = (index: SearchIndex, papers: Paper[]) => runToEnd(index.update(papers));

  it('update gives the index of exactly the papers given: added, replaced by key, removed', () => {
    const corpus = corpusPapers();
    const base = runToEnd(SearchIndex.build(corpus));
    const added = update(base, [...corpus, extraPaper('tester2025zebra', 'Zebrafish Sparsity', 'Stripes make the quokkanet faster.')]);
    assert.equal(added.size, 76);
    assert.deepEqual(keysFor(added, 'quokkanet'), ['tester2025zebra']);
    assert.deepEqual(keysFor(added, 'zebrafish'), ['tester2025zebra']);

    // The same key with new text replaces the old text.
    const replaced = update(added, [...corpus, extraPaper('tester2025zebra', 'Giraffe Density', 'Long necks.')]);
    assert.equal(replaced.size, 76);
    assert.deepEqual(keysFor(replaced, 'zebrafish'), []);
    assert.deepEqual(keysFor(replaced, 'giraffe'), ['tester2025zebra']);

    // A paper left out is gone, a corpus paper as well as an added one.
    const removed = update(replaced, corpus.filter((p) => p.key !== 'ashkboos2024slicegpt'));
    assert.equal(removed.size, 74);
    assert.equal(removed.get('tester2025zebra'), undefined);
    assert.deepEqual(keysFor(removed, 'giraffe'), []);
    assert.ok(!keysFor(removed, 'SliceGPT', 10).includes('ashkboos2024slicegpt'));
    assert.ok(!removed.search('Ashkboos').some((h) => h.paper.key === 'ashkboos2024slicegpt'));
  });

  it('update leaves the index it started from as it was (copy on write)', () => {
    const corpus = corpusPapers();
    const base = runToEnd(SearchIndex.build(corpus));
    const before = ['SliceGPT', 'KV cache', 'quantizaton'].map((q) => base.search(q).map((h) => [h.paper.key, h.score]));
    const next = update(base, [...corpus.filter((p) => p.key !== 'ashkboos2024slicegpt'), extraPaper('tester2025zebra', 'SliceGPT Zebra', 'KV cache zebras.')]);
    assert.equal(base.size, 75);
    assert.equal(base.get('tester2025zebra'), undefined);
    assert.ok(base.get('ashkboos2024slicegpt'));
    assert.deepEqual(['SliceGPT', 'KV cache', 'quantizaton'].map((q) => base.search(q).map((h) => [h.paper.key, h.score])), before);
    assert.ok(keysFor(next, 'SliceGPT zebra').includes('tester2025zebra'));
    assert.ok(!next.search('SliceGPT').some((h) => h.paper.key === 'ashkboos2024slicegpt'));
  });

  it('an unchanged paper keeps its postings and the newest object is handed out', () => {
    const corpus = corpusPapers();
    const base = runToEnd(SearchIndex.build(corpus));
    const copies = corpus.map((paper) => ({ ...paper }));
    const next = update(base, copies);
    assert.equal(next.segmentCount, base.segmentCount, 'nothing was re-indexed');
    const hit = next.search('SqueezeLLM')[0];
    assert.equal(hit.paper, copies.find((p) => p.key === 'kim2023squeezellm'));
  });

  it('an empty index finds nothing', () => {
    const index = SearchIndex.empty();
    assert.equal(index.size, 0);
    assert.deepEqual(index.search('sparse'), []);
  });
});
