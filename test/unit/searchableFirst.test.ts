import { strict as assert } from 'node:assert';
import { buildLibrary, type BuiltLibrary } from '../../src/core/library/buildLibrary';
import { parseFileSteps } from '../../src/core/load/parseFile';
import type { Paper } from '../../src/core/model';
import { SearchIndex } from '../../src/core/search/searchIndex';
import { buildSegment, decodeWeight, FIELDS, MAX_SEGMENT_DOCS, withTopics } from '../../src/core/search/segment';
import { runToEnd } from '../../src/core/slices';
import { DEFAULT_TAXONOMY } from '../../src/core/topics/taxonomy';
import { corpusMaterial, generateBibtex } from '../../bench/generate';
import { corpusDrafts } from './helpers/corpus';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('a first load is searchable before its topics', () => {
  it('builds the same library and index as the one-stage build, and hands out a searchable one before topics', function () {
    this.timeout(60000);
    const sources = () => [
      runToEnd(parseFileSteps(new TextEncoder().encode(generateBibtex(1500, 41, corpusMaterial())), 'file:///lib.bib')),
      corpusDrafts(),
    ];
    for (const mode of ['auto', 'discover', 'extend'] as const) {
      const expected = runToEnd(buildLibrary(sources(), DEFAULT_TAXONOMY, SearchIndex.empty(), { mode }));
      let early: BuiltLibrary | undefined;
      let topicsWhenEarly: string[][] = [];
      const built = runToEnd(buildLibrary(sources(), DEFAULT_TAXONOMY, SearchIndex.empty(), { mode }, (library) => {
        assert.equal(early, undefined, 'handed out once');
        early = library;
        topicsWhenEarly = library.papers.map((p) => [...p.topics]);
      }));
      assert.ok(early, `${mode}: the early library was handed out`);
      assert.ok(topicsWhenEarly.every((t) => t.length === 0), `${mode}: before topics, no paper has one`);
      assert.deepStrictEqual(built.papers, expected.papers, mode);
      assert.deepStrictEqual(built.problems, expected.problems, mode);
      assert.deepStrictEqual(built.topics.topics, expected.topics.topics, mode);
      assert.equal(hex(built.index.toBytes()), hex(expected.index.toBytes()), `${mode}: the same index, byte for byte`);
      // The early index finds papers by their words (every paper, the same ones as the finished index for a title).
      assert.equal(early.index.size, built.papers.length);
      const paper = built.papers[built.papers.length - 1];
      assert.equal(early.index.search(paper.title, { limit: 1 })[0]?.paper.key, paper.key, `${mode}: the early index finds a paper by its title`);
    }
  });

  it('a staged index over more than one segment finishes as `build` builds it, with the first segment\'s averages', function () {
    this.timeout(60000);
    const words = ['sparse', 'attention', 'kernel', 'tumour', 'tumor', 'quantization', 'pruning', 'cache', 'graph', 'colour'];
    const papers: Paper[] = Array.from({ length: MAX_SEGMENT_DOCS + 1500 }, (_, i) => ({
      key: `p${i}`,
      title: `${words[i % 10]} ${words[(i * 7) % 10]} study ${i % 97}`,
      abstract: i % 3 ? `${words[(i * 3) % 10]} of ${words[(i * 5) % 10]} and more ${words[i % 10]}` : undefined,
      authors: [{ family: `Author${i % 13}` }],
      keywords: i % 4 ? [] : ['colour', `k${i % 5}`],
      topics: [],
      origin: { source: 'gen.bib', kind: 'bibtex' },
    }));
    const staged = runToEnd(SearchIndex.staged(papers));
    assert.equal(staged.early.segmentCount, 2);
    assert.ok(staged.early.search('graph').length > 0);
    // Topics arrive: words already in the text, and words only the topics field has.
    papers.forEach((p, i) => (p.topics = i % 5 ? [`d.${words[i % 10]}-hardware`, 'other'] : ['colour-theory']));
    assert.equal(staged.early.search('hardware').length, 0, 'the early index has none');
    // Between finishing steps, a search answers from every segment: the first rebuilt, or both.
    const last = `p${papers.length - 1}`;
    const steps = staged.finish();
    let step = steps.next();
    let searched = 0;
    for (; !step.done; step = steps.next()) {
      if (searched++ % 500 === 0) {
        assert.ok(staged.early.search('study').length > 0);
        assert.equal(staged.early.search(last, { limit: 1 })[0]?.paper.key, last);
      }
    }
    const finished = step.value;
    assert.equal(finished, staged.early, 'the early index became the finished one');
    const expected = runToEnd(SearchIndex.build(papers));
    assert.equal(hex(finished.toBytes()), hex(expected.toBytes()));
    assert.ok(finished.search('hardware').length > 0, 'the finished index has the topics');
  });

  it('adds topics to a segment without reading its text again: a topic word joins the paper\'s posting or gets its own', () => {
    const paper = (key: string, title: string, abstract: string): Paper => ({ key, title, abstract, authors: [{ family: 'Lee' }], keywords: [], topics: [], origin: { source: 'gen.bib', kind: 'bibtex' } });
    const papers = [paper('a', 'Sparse kernels', 'sparse kernels on graphs'), paper('b', 'Dense layers', 'layers and graphs'), paper('c', 'Coral reefs', 'reef fish')];
    const plain = runToEnd(buildSegment(papers));
    const before = { terms: [...plain.segment.data.terms], docs: hex(new Uint8Array(plain.segment.data.docs.buffer)), weights: hex(plain.segment.data.weights) };
    // No topics yet: the segment itself.
    assert.equal(runToEnd(withTopics(plain.segment, papers, plain.averages, undefined, 0)).segment, plain.segment);

    papers[0].topics = ['sparse-hardware'];
    papers[2].topics = ['marine-ecology'];
    const { segment, averages } = runToEnd(withTopics(plain.segment, papers, plain.averages, undefined, 0));
    const postings = (s: typeof segment, term: string) => {
      const id = s.data.terms.indexOf(term);
      if (id < 0) return [];
      return Array.from(s.data.docs.subarray(s.data.offsets[id], s.data.offsets[id + 1]), (doc, i) => ({ doc, weight: decodeWeight(s.data.weights[s.data.offsets[id] + i]) }));
    };
    // "sparse": one posting for paper a, heavier by its topic.
    const [textOnly] = postings(plain.segment, 'sparse');
    const [withTopic] = postings(segment, 'sparse');
    assert.equal(postings(segment, 'sparse').length, 1);
    assert.equal(withTopic.doc, 0);
    assert.ok(withTopic.weight > textOnly.weight * 1.1, `${withTopic.weight} > ${textOnly.weight}`);
    // Words only topics have are terms after the text's, found by the new segment's vocabulary.
    for (const [term, doc] of [['hardware', 0], ['marine', 2], ['ecology', 2]] as const) {
      assert.ok(segment.data.terms.indexOf(term) >= before.terms.length, term);
      assert.deepStrictEqual(postings(segment, term).map((p) => p.doc), [doc], term);
      assert.equal(segment.vocabulary.get(term), segment.data.terms.indexOf(term));
    }
    // Other postings are as they were, and the old segment is untouched (searches may still run on it).
    assert.deepStrictEqual(postings(segment, 'graphs'), postings(plain.segment, 'graphs'));
    assert.deepStrictEqual(plain.segment.data.terms, before.terms);
    assert.equal(hex(new Uint8Array(plain.segment.data.docs.buffer)), before.docs);
    assert.equal(hex(plain.segment.data.weights), before.weights);
    assert.equal(plain.segment.vocabulary.get('hardware'), undefined);
    // The topics' average length comes from these papers (two words each for a and c, none for b), or from `fixed`.
    assert.equal(averages[FIELDS.indexOf('topics')], 4 / 3);
    const fixed = plain.averages.map(() => 7);
    assert.equal(runToEnd(withTopics(plain.segment, papers, plain.averages, fixed, 0)).averages[FIELDS.indexOf('topics')], 7);
  });
});
