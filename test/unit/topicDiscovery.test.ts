import { strict as assert } from 'node:assert';
import { groupPapers } from '../../src/core/library/grouping';
import { assembleLibrarySteps } from '../../src/core/library/library';
import { parseBibtexSteps } from '../../src/core/sources/bibtex';
import type { Paper } from '../../src/core/model';
import { runToEnd } from '../../src/core/slices';
import { discoverTopics, placePaper } from '../../src/core/topics/discover/discover';
import { sharedWords } from '../../src/core/topics/discover/explain';
import { pairwiseF1 } from '../../src/core/topics/pairwiseF1';
import { DEFAULT_TAXONOMY } from '../../src/core/topics/taxonomy';
import { assignLibraryTopics } from '../../src/core/topics/topicModes';
import { decodeTopicState, encodeTopicState } from '../../src/core/topics/savedTopics';
import { asPapers, efficientLlm, mixedFields } from './helpers/topicFixtures';

function shuffled<T>(items: readonly T[]): T[] {
  // A fixed permutation: reversed, then odd positions first.
  const reversed = [...items].reverse();
  return [...reversed.filter((_, i) => i % 2 === 1), ...reversed.filter((_, i) => i % 2 === 0)];
}

describe('topics: discovery', () => {
  const records = mixedFields();

  it('names topics by their own distinctive words, never "Topic n"', () => {
    const papers = asPapers(records);
    const { model, topicsOf } = runToEnd(discoverTopics(papers));
    assert.ok(model.topics.length >= 3);
    for (const topic of model.topics) {
      assert.doesNotMatch(topic.label, /^Topic \d/);
      assert.ok(topic.words.length >= 2, topic.id);
      // Its first defining word is used by some of its own papers.
      const members = papers.filter((_, i) => topicsOf[i][0] === topic.id);
      assert.ok(members.some((p) => sharedWords(p, [topic.words[0]]).length > 0), `${topic.label}: ${topic.words[0]}`);
      assert.match(topic.id, /^d\.[a-z0-9-]+$/);
    }
  });

  it('gives the same topics, names and ids whatever order the papers come in', () => {
    const papers = asPapers(records);
    const a = runToEnd(discoverTopics(papers));
    const reordered = shuffled(papers);
    const b = runToEnd(discoverTopics(reordered));
    assert.deepEqual(b.model.topics, a.model.topics);
    const byKey = new Map(papers.map((p, i) => [p.key, a.topicsOf[i]]));
    reordered.forEach((p, i) => assert.deepEqual(b.topicsOf[i], byKey.get(p.key), p.title));
  });

  it('places a new paper in its nearest existing topic without moving the others', () => {
    const papers = asPapers(records);
    const first = runToEnd(assignLibraryTopics(papers, DEFAULT_TAXONOMY, { mode: 'discover' }));
    const before = new Map(papers.map((p) => [p.key, [...p.topics]]));
    const coral = papers.find((p) => p.title.startsWith('Mass coral bleaching'))!;
    const added: Paper = { ...coral, key: 'new001', title: 'Coral bleaching and symbiont loss on a high-latitude reef', abstract: 'We followed reef corals through a marine heatwave: bleaching, loss of Symbiodinium symbionts and photosynthetic decline under thermal stress.', topics: [] };
    const again = [...papers.map((p) => ({ ...p, topics: [] })), added];
    const second = runToEnd(assignLibraryTopics(again, DEFAULT_TAXONOMY, { mode: 'discover', previous: first }));
    assert.equal(second.model, first.model, 'the learnt topics are reused');
    for (const p of again.slice(0, -1)) assert.deepEqual(p.topics, before.get(p.key), p.title);
    assert.equal(again[again.length - 1].topics[0], before.get(coral.key)![0]);
    assert.deepEqual(placePaper(added, first.model!), again[again.length - 1].topics);
  });

  it('sorts papers into topics a paper per step, so the time slices, not batches, bound how long a step holds the thread', () => {
    const papers = asPapers(records);
    const steps = assignLibraryTopics(papers, DEFAULT_TAXONOMY, { mode: 'auto' });
    let yields = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) yields++;
    // Classifying yields once per paper; discovering the rest yields at least once per paper too (counting words, sampling phrases).
    assert.ok(yields >= 2 * papers.length, `${yields} steps for ${papers.length} papers`);
    assert.ok(papers.every((p) => p.topics.length > 0));
  });

  it('discovers afresh when asked, or when the papers to place changed a lot', () => {
    const papers = asPapers(records);
    const first = runToEnd(assignLibraryTopics(papers, DEFAULT_TAXONOMY, { mode: 'discover' }));
    const asked = runToEnd(assignLibraryTopics(papers, DEFAULT_TAXONOMY, { mode: 'discover', previous: first, rediscover: true }));
    assert.notEqual(asked.model, first.model);
    const half = papers.slice(0, 20);
    const changed = runToEnd(assignLibraryTopics(half, DEFAULT_TAXONOMY, { mode: 'discover', previous: first }));
    assert.notEqual(changed.model, first.model);
  });

  it('puts papers with too little text in "other" and still places the rest', () => {
    const papers = asPapers(records);
    papers.push({ ...papers[0], key: 'z-empty', title: 'Untitled', abstract: undefined, keywords: [] });
    const { topicsOf } = runToEnd(discoverTopics(papers));
    assert.equal(topicsOf[topicsOf.length - 1][0], 'other');
    assert.ok(topicsOf.slice(0, -1).every((t) => t[0] !== 'other'));
  });

  it('splits a topic too large to browse into named subtopics, one tree level down', () => {
    const papers = asPapers(records);
    const { model, topicsOf } = runToEnd(discoverTopics(papers, { subtopicMin: 10 }));
    const subtopics = model.topics.filter((t) => t.parent);
    assert.ok(subtopics.length >= 2, 'some topic over 10 papers is split');
    for (const sub of subtopics) assert.ok(model.topics.some((t) => t.id === sub.parent && !t.parent));
    papers.forEach((p, i) => (p.topics = topicsOf[i]));
    const topicParents = new Map(subtopics.map((t) => [t.id, t.parent!]));
    const topicLabels = new Map(model.topics.map((t) => [t.id, t.label]));
    const groups = runToEnd(groupPapers(papers, 'topic', { topicLabels, topicParents, unknownYear: '?', embeddedLibrary: 'E' }));
    const split = groups.filter((g) => g.children);
    assert.ok(split.length >= 1);
    for (const g of split) assert.equal(g.children!.reduce((n, c) => n + c.papers.length, 0), g.papers.length);
  });
});

describe('topics: modes', () => {
  it('in auto mode files efficient-LLM papers by the taxonomy and discovers topics for the rest', () => {
    const llm = asPapers(efficientLlm(), 'llm');
    const other = asPapers(mixedFields(), 'field');
    const papers = [...llm, ...other];
    const state = runToEnd(assignLibraryTopics(papers, DEFAULT_TAXONOMY, { mode: 'auto' }));
    const taxonomyIds = new Set(DEFAULT_TAXONOMY.map((t) => t.id));
    const claimed = llm.filter((p) => taxonomyIds.has(p.topics[0])).length;
    assert.ok(claimed >= llm.length * 0.8, `${claimed} of ${llm.length} LLM papers in taxonomy topics`);
    assert.ok(other.every((p) => !taxonomyIds.has(p.topics[0])), 'no field paper in a taxonomy topic');
    assert.ok(state.topics.some((t) => t.origin === 'discovered'));
  });

  it('lets topics the source states win, even ones the taxonomy does not have', () => {
    const papers = asPapers(mixedFields().slice(0, 12));
    papers[0].statedTopics = ['Coral reefs'];
    papers[1].statedTopics = ['moe'];
    const state = runToEnd(assignLibraryTopics(papers, DEFAULT_TAXONOMY, { mode: 'auto' }));
    assert.deepEqual(papers[0].topics, ['s.coral-reefs']);
    assert.equal(state.topics.find((t) => t.id === 's.coral-reefs')?.label, 'Coral reefs');
    assert.equal(papers[1].topics[0], 'moe');
  });

  it('uses only the taxonomy in extend mode and only discovery in discover mode', () => {
    const records = mixedFields();
    const extend = asPapers(records);
    runToEnd(assignLibraryTopics(extend, DEFAULT_TAXONOMY, { mode: 'extend' }));
    assert.ok(extend.every((p) => DEFAULT_TAXONOMY.some((t) => t.id === p.topics[0])), 'only taxonomy topics');
    // Papers of other fields: nearly all in "other" (a genome-compression paper scores for model compression on its words).
    const other = extend.filter((p) => p.topics[0] === 'other').length;
    assert.ok(other >= 0.95 * extend.length, `${other} of ${extend.length} in other`);
    const discover = asPapers(efficientLlm());
    const state = runToEnd(assignLibraryTopics(discover, DEFAULT_TAXONOMY, { mode: 'discover' }));
    assert.ok(state.topics.every((t) => t.origin !== 'taxonomy'));
    assert.ok(discover.every((p) => p.topics[0].startsWith('d.') || p.topics[0] === 'other'));
  });
});

describe('topics: pairwise F1', () => {
  it('is 1 for a perfect grouping, lower for merged or split groups, and counts "other" as alone', () => {
    assert.equal(pairwiseF1(['a', 'a', 'b'], ['x', 'x', 'y']).f1, 1);
    assert.ok(pairwiseF1(['a', 'a', 'b', 'b'], ['x', 'x', 'x', 'x']).f1 < 1);
    assert.ok(pairwiseF1(['a', 'a', 'a', 'a'], ['x', 'x', 'y', 'y']).f1 < 1);
    assert.equal(pairwiseF1(['a', 'a'], ['other', 'other'], 'other').f1, 0);
  });
});

describe('topics: group by keyword', () => {
  it('groups papers by the keywords their source states, one group per keyword, ignoring case', () => {
    const papers = asPapers(mixedFields().slice(0, 4));
    papers[0].keywords = ['Coral', 'reefs'];
    papers[1].keywords = ['coral'];
    papers[2].keywords = [];
    papers[3].keywords = ['Reefs'];
    const groups = runToEnd(groupPapers(papers, 'keyword', { topicLabels: new Map(), unknownYear: '?', embeddedLibrary: 'E', noKeywords: 'None' }));
    assert.deepEqual(groups.map((g) => [g.label, g.papers.length]), [['Coral', 2], ['reefs', 2], ['None', 1]]);
  });
});

describe('topics: JabRef groups', () => {
  it('reads the groups a JabRef entry belongs to as its stated topics, and files it there', () => {
    const bib = '@article{a, title = {Bleaching of reef corals}, abstract = {Corals bleach in heatwaves.}, groups = {Coral reefs, Fieldwork}, year = 2020}';
    const parsed = runToEnd(parseBibtexSteps(bib, 'jabref.bib'));
    assert.deepEqual(parsed.papers[0].statedTopics, ['Coral reefs', 'Fieldwork']);
    const library = runToEnd(assembleLibrarySteps([parsed], DEFAULT_TAXONOMY));
    assert.deepEqual(library.papers[0].topics, ['s.coral-reefs', 's.fieldwork']);
    assert.ok(library.topics.topics.some((t) => t.id === 's.fieldwork' && t.label === 'Fieldwork' && t.origin === 'stated'));
  });
});

describe('topics: saved with the library', () => {
  it('reads back a topic state that places every paper as the learnt model does, and only for the library it was learnt from', () => {
    const papers = asPapers(mixedFields());
    const state = runToEnd(assignLibraryTopics(papers, DEFAULT_TAXONOMY, { mode: 'discover', rediscover: true }));
    assert.ok(state.model && state.model.top.k >= 2);
    const bytes = encodeTopicState(state, 'fingerprint-1');
    const restored = decodeTopicState(bytes, 'fingerprint-1');
    assert.ok(restored?.model);
    assert.deepEqual(restored.topics, JSON.parse(JSON.stringify(state.topics)));
    assert.equal(restored.placed, state.placed);
    for (const paper of papers) assert.deepEqual(placePaper(paper, restored.model), placePaper(paper, state.model), paper.title);
    // A saved file's bytes may start at any offset of a larger buffer.
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    assert.deepEqual(placePaper(papers[0], decodeTopicState(shifted.subarray(3), 'fingerprint-1')!.model!), placePaper(papers[0], state.model));
    assert.equal(decodeTopicState(bytes, 'fingerprint-2'), undefined);
    assert.equal(decodeTopicState(new TextEncoder().encode('not topics'), 'fingerprint-1'), undefined);
    assert.throws(() => decodeTopicState(bytes.subarray(0, bytes.length - 4), 'fingerprint-1'), /cut short/);
  });

  it('places a new paper in the restored topics instead of discovering again', () => {
    const records = mixedFields();
    const papers = asPapers(records);
    const state = runToEnd(assignLibraryTopics(papers, DEFAULT_TAXONOMY, { mode: 'discover' }));
    const restored = decodeTopicState(encodeTopicState(state, 'f'), 'f')!;
    const before = new Map(papers.map((p) => [p.title, p.topics]));
    const added = asPapers([{ ...records[0], title: 'Coral bleaching under marine heatwaves' }], 'new');
    const again = asPapers(records).concat(added);
    const next = runToEnd(assignLibraryTopics(again, DEFAULT_TAXONOMY, { mode: 'discover', previous: restored }));
    assert.deepEqual(JSON.parse(JSON.stringify(next.topics)), JSON.parse(JSON.stringify(state.topics)), 'the same topics, not a new discovery');
    for (const paper of again.slice(0, -1)) assert.deepEqual(paper.topics, before.get(paper.title), paper.title);
    assert.deepEqual(again[again.length - 1].topics, placePaper(added[0], state.model!));
  });
});
