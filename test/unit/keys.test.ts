import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { assignKeys, baseKey, collisionSuffix } from '../../src/core/keys';
import type { Author } from '../../src/core/model';
import { corpusPapers } from './helpers/corpus';

interface KeyInput {
  key?: string;
  authors: Author[];
  year?: number;
  title: string;
  generatedKey?: boolean;
}

function paper(family: string | undefined, year: number | undefined, title: string, key?: string): KeyInput {
  return { authors: family === undefined ? [] : [{ family }], year, title, ...(key ? { key } : {}) };
}

function keysOf(papers: KeyInput[]): string[] {
  return assignKeys(papers).map((p) => p.key);
}

describe('keys: baseKey', () => {
  it('is family + year + first significant title word', () => {
    assert.equal(
      baseKey({ authors: [{ family: 'Ashkboos', given: 'Saleh' }], year: 2024, title: 'SliceGPT: Compress Large Language Models by Deleting Rows and Columns' }),
      'ashkboos2024slicegpt',
    );
    assert.equal(baseKey(paper('Frantar', 2023, 'SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot')), 'frantar2023sparsegpt');
  });

  it('uses the first author only', () => {
    const p = { authors: [{ family: 'Kim' }, { family: 'Hooper' }], year: 2023, title: 'SqueezeLLM' };
    assert.equal(baseKey(p), 'kim2023squeezellm');
  });

  it('folds accents and special letters to ASCII', () => {
    assert.equal(baseKey(paper('Müller', 2020, 'Über Ästhetik')), 'muller2020uber');
    assert.equal(baseKey(paper('Øresund', 2019, 'Ørsted')), 'oresund2019orsted');
    assert.equal(baseKey(paper('Strauß', 2018, 'Großartig')), 'strauss2018grossartig');
    assert.equal(baseKey(paper('Łukasz', 2017, 'Æther')), 'lukasz2017aether');
    assert.equal(baseKey(paper('Vulić', 2024, 'Scaling')), 'vulic2024scaling');
  });

  it('skips stop words when picking the title word', () => {
    assert.equal(baseKey(paper('Smith', 2020, 'The Art of Pruning')), 'smith2020art');
    assert.equal(baseKey(paper('Smith', 2020, 'A Survey on Inference')), 'smith2020survey');
    assert.equal(baseKey(paper('Smith', 2020, 'On the Use of Sparsity')), 'smith2020sparsity');
    assert.equal(baseKey(paper('Smith', 2020, 'Towards Competitive Search')), 'smith2020competitive');
    assert.equal(baseKey(paper('Smith', 2020, 'Beyond About Through Attention')), 'smith2020attention');
  });

  it('skips number-only words but falls back to the first word when nothing is left', () => {
    assert.equal(baseKey(paper('Dettmers', 2021, '8-bit Optimizers via Block-wise Quantization')), 'dettmers2021bit');
    assert.equal(baseKey(paper('Smith', 2020, '2048 4096')), 'smith20202048');
    assert.equal(baseKey(paper('Smith', 2020, 'The')), 'smith2020the');
  });

  it('uses the last word of a multi-word family name', () => {
    assert.equal(baseKey(paper('de la Cruz', 2022, 'Sparse Things')), 'cruz2022sparse');
  });

  it('leaves missing parts out, with "anon" for a missing author', () => {
    assert.equal(baseKey(paper(undefined, 2024, 'Sparse Attention')), 'anon2024sparse');
    assert.equal(baseKey(paper('Smith', undefined, 'Sparse Attention')), 'smithsparse');
    assert.equal(baseKey(paper(undefined, undefined, '')), 'anon');
    assert.equal(baseKey(paper('', 2020, 'Sparse')), 'anon2020sparse');
    assert.equal(baseKey(paper('李', 2020, 'Sparse')), 'anon2020sparse');
  });
});

describe('keys: collisionSuffix', () => {
  it('counts a..z, then aa, ab, ...', () => {
    assert.deepEqual([0, 1, 2, 25, 26, 27, 51, 52].map(collisionSuffix), ['a', 'b', 'c', 'z', 'aa', 'ab', 'az', 'ba']);
    assert.equal(collisionSuffix(26 + 26 * 26), 'aaa');
  });
});

describe('keys: assignKeys', () => {
  it('keeps keys the source gave and marks only generated ones', () => {
    const papers = assignKeys([paper('Smith', 2020, 'Sparse Things', 'MyOwnKey:2020'), paper('Jones', 2021, 'Dense Things')]);
    assert.equal(papers[0].key, 'MyOwnKey:2020');
    assert.notEqual(papers[0].generatedKey, true);
    assert.equal(papers[1].key, 'jones2021dense');
    assert.equal(papers[1].generatedKey, true);
  });

  it('adds a, b suffixes to colliding generated keys, in title order', () => {
    const keys = keysOf([
      paper('Smith', 2020, 'Sparse Zebras'),
      paper('Smith', 2020, 'Sparse Apples'),
      paper('Smith', 2020, 'Sparse Mangos'),
    ]);
    // "Sparse Apples" sorts first and gets the bare key.
    assert.deepEqual(keys, ['smith2020sparseb', 'smith2020sparse', 'smith2020sparsea']);
  });

  it('never reuses a key the source gave', () => {
    const keys = keysOf([paper('Smith', 2020, 'Sparse One'), paper('X', 1, 'x', 'smith2020sparse')]);
    assert.deepEqual(keys, ['smith2020sparsea', 'smith2020sparse']);
  });

  it('gives identical papers different keys', () => {
    const keys = keysOf([paper('Smith', 2020, 'Same'), paper('Smith', 2020, 'Same'), paper('Smith', 2020, 'Same')]);
    assert.deepEqual(keys, ['smith2020same', 'smith2020samea', 'smith2020sameb']);
  });

  it('gives the same keys in any load order when titles differ (suffix groups interact)', () => {
    // Group "smith2020foo" needs a suffix and takes "smith2020fooa", which is also the
    // base key of another paper; who gets it must not depend on the order of loading.
    const make = () => [paper('Smith', 2020, 'Foo'), paper('Smith', 2020, 'Foo bar'), paper('Smith', 2020, 'Fooa')];
    const forward = keysOf(make());
    const [p1, p2, p3] = make();
    const backward = assignKeys([p3, p2, p1]).map((p) => p.key).reverse();
    assert.deepEqual(backward, forward);
  });
});

// ---------------------------------------------------------------------------
// Properties

const familyArb = fc.constantFrom('Smith', 'Müller', 'Øberg', 'Strauß', 'de la Cruz', '', 'Li', 'Wang', '李', 'O\'Brien');
const yearArb = fc.option(fc.constantFrom(2020, 2021, 2024), { nil: undefined });
const wordArb = fc.constantFrom('sparse', 'the', 'Sparse', 'attention', 'of', 'a', 'Ü', '8-bit', 'x', 'GPT', 'café', '');
/** Words whose keys are each other's suffixed forms ("foo" + "a" = "fooa"). */
const suffixWordArb = fc.constantFrom('foo', 'fooa', 'foob', 'Foo', 'fooaa', 'bar');
const titleArb = fc.oneof(
  fc.array(wordArb, { maxLength: 4 }).map((ws) => ws.join(' ')),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const paperArb: fc.Arbitrary<KeyInput> = fc.record({
  family: familyArb,
  year: yearArb,
  title: titleArb,
  key: fc.option(fc.constantFrom('smith2020sparse', 'li2024', 'Custom:Key', 'anon'), { nil: undefined, freq: 6 }),
}).map(({ family, year, title, key }) => paper(family, year, title, key));

function clone(papers: KeyInput[]): KeyInput[] {
  return papers.map((p) => ({ ...p, authors: p.authors.map((a) => ({ ...a })) }));
}

describe('keys: properties', () => {
  it('keys are unique for any list of papers, identical ones included', () => {
    fc.assert(
      fc.property(fc.array(paperArb, { maxLength: 30 }), fc.nat({ max: 5 }), (list, dup) => {
        // Add exact copies of the first paper, to force identical inputs.
        const papers = clone(list);
        const withoutSourceKeys = papers.filter((p) => !p.key);
        if (withoutSourceKeys.length > 0) for (let i = 0; i < dup; i++) papers.push({ ...withoutSourceKeys[0] });
        const sourceKeys = papers.filter((p) => p.key).map((p) => p.key);
        const keys = keysOf(papers);
        // Generated keys never collide with each other or with a source key.
        const generated = papers.filter((p) => p.generatedKey).map((p) => p.key);
        assert.equal(new Set(generated).size, generated.length);
        for (const g of generated) assert.ok(!sourceKeys.includes(g), `generated ${g} collides with a source key`);
        assert.equal(keys.length, papers.length);
        for (const k of keys) assert.ok(k && k.length > 0);
      }),
      { numRuns: 500 },
    );
  });

  it('generated keys are ASCII [a-z0-9] only', () => {
    fc.assert(
      fc.property(fc.array(fc.record({
        family: fc.string({ unit: 'grapheme', maxLength: 12 }),
        year: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
        title: fc.string({ unit: 'grapheme', maxLength: 40 }),
      }), { maxLength: 10 }), (list) => {
        const papers = list.map(({ family, year, title }) => paper(family, year, title));
        for (const p of assignKeys(papers)) assert.match(p.key, /^[a-z0-9]+$/, `key ${JSON.stringify(p.key)}`);
      }),
      { numRuns: 500 },
    );
  });

  function assertStable(list: KeyInput[], order: number[]): void {
    const forward = keysOf(clone(list));
    const shuffled = clone(list);
    const shuffledKeys = keysOf(order.map((i) => shuffled[i]));
    const byIndex: string[] = [];
    order.forEach((i, pos) => { byIndex[i] = shuffledKeys[pos]; });
    assert.deepEqual(byIndex, forward);
  }

  it('keys are stable: a shuffled load order gives the same key per paper when titles differ', () => {
    // Restricted to libraries where no base key is another base key plus letters;
    // the general case is the property below.
    const noSuffixClash = (list: KeyInput[]) => {
      const bases = [...new Set(list.map(baseKey))];
      return !bases.some((a) => bases.some((b) => a !== b && b.startsWith(a) && /^[a-z]+$/.test(b.slice(a.length))));
    };
    const distinctTitled = fc.uniqueArray(paperArb.filter((p) => !p.key), { maxLength: 20, selector: (p) => p.title }).filter(noSuffixClash);
    fc.assert(
      fc.property(distinctTitled.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list.map((_, i) => i), { minLength: list.length }))),
        ([list, order]) => assertStable(list, order)),
      { numRuns: 500 },
    );
  });

  it('keys are stable in any load order even when suffixed keys meet other base keys', () => {
    const arb = fc.record({ year: fc.constantFrom(2020, undefined), title: fc.array(suffixWordArb, { minLength: 1, maxLength: 2 }).map((w) => w.join(' ')) })
      .map(({ year, title }) => paper('Smith', year, title));
    const distinctTitled = fc.uniqueArray(arb, { maxLength: 12, selector: (p) => p.title });
    fc.assert(
      fc.property(distinctTitled.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list.map((_, i) => i), { minLength: list.length }))),
        ([list, order]) => assertStable(list, order)),
      { numRuns: 500 },
    );
  });
});

describe('keys: the embedded corpus', () => {
  it('gives all 75 papers unique keys in the common style', () => {
    const papers = corpusPapers();
    assert.equal(papers.length, 75);
    const keys = papers.map((p) => p.key);
    assert.equal(new Set(keys).size, 75);
    for (const k of keys) assert.match(k, /^[a-z]+\d{4}[a-z0-9]*$/);
    assert.ok(keys.includes('ashkboos2024slicegpt'));
  });
});
