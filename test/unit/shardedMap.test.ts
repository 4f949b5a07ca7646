import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import './helpers/fastCheck';
import { ShardedMap, ShardedSet } from '../../src/core/shardedMap';

/** An operation on a map, and on a Map kept beside it. */
type Op = { kind: 'set'; key: string; value: number } | { kind: 'delete'; key: string } | { kind: 'get'; key: string };

// Keys from a small alphabet, of every length from empty: the same key comes back, and shards collide.
const keyArb = fc.string({ unit: fc.constantFrom('a', 'b', 'z', '1', 'é', '-', ' '), maxLength: 6 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: keyArb, value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key: keyArb }),
  fc.record({ kind: fc.constant('get' as const), key: keyArb }),
);

describe('ShardedMap', () => {
  it('answers every get, has, delete and size as a Map does, and holds the same entries', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 200 }), (ops) => {
        const map = new ShardedMap<number>();
        const model = new Map<string, number>();
        for (const op of ops) {
          if (op.kind === 'set') {
            assert.equal(map.set(op.key, op.value), map);
            model.set(op.key, op.value);
          } else if (op.kind === 'delete') {
            assert.equal(map.delete(op.key), model.delete(op.key));
          } else {
            assert.equal(map.get(op.key), model.get(op.key));
            assert.equal(map.has(op.key), model.has(op.key));
          }
          assert.equal(map.size, model.size);
        }
        const sorted = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        assert.deepEqual(sorted(map.entries()), sorted(model.entries()));
        assert.deepEqual([...map.values()].sort(), [...model.values()].sort());
      }),
    );
  });

  it('holds a library-sized map whole, its keys spread over the shards', () => {
    const map = new ShardedMap<number>();
    for (let i = 0; i < 100_000; i++) map.set(`smith${2000 + (i % 25)}paper${i}`, i);
    assert.equal(map.size, 100_000);
    assert.equal(map.get('smith2003paper78'), 78);
    assert.equal(map.get('smith2003paper100000'), undefined);
    // No shard far above its share (a map that held most keys would rehash as a single one does).
    const perShard = (map as unknown as { shards: Array<Map<string, number>> }).shards.map((s) => s.size);
    assert.ok(Math.max(...perShard) < 2 * (100_000 / perShard.length), `shard sizes ${perShard.join(' ')}`);
  });
});

describe('ShardedSet', () => {
  it('has what was added, once', () => {
    const set = new ShardedSet();
    set.add('a').add('b').add('a').add('');
    assert.equal(set.size, 3);
    assert.ok(set.has('a') && set.has('b') && set.has(''));
    assert.ok(!set.has('c'));
  });
});
