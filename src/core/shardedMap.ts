/**
 * Maps and sets of string keys spread over 32 maps, picked by a hash of a
 * few of the key's characters. A JS Map grows by rehashing every entry at
 * once, inside whichever call added the entry that filled it: at 65,536 and
 * 131,072 entries that took 5-11 ms in Node, and two maps of a 100k library
 * growing in one step of a sliced job made a 19 ms step. Spread over 32, a
 * map of 100,000 keys is 32 of some 3,000, and each grows in a fraction of
 * a millisecond. Iteration runs shard by shard, not in insertion order.
 */
const SHARDS = 32;

/**
 * A shard for `key`: its length and five of its characters, mixed so that
 * keys that differ in one digit ("paper1", "paper2") land apart (an empty
 * key is shard 0).
 */
function shardOf(key: string): number {
  const n = key.length;
  let h = n;
  h = (Math.imul(h, 31) + key.charCodeAt(0)) | 0;
  h = (Math.imul(h, 31) + key.charCodeAt(n - 1)) | 0;
  h = (Math.imul(h, 31) + key.charCodeAt(n >> 1)) | 0;
  h = (Math.imul(h, 31) + key.charCodeAt(n - 2)) | 0;
  h = (Math.imul(h, 31) + key.charCodeAt(n >> 2)) | 0;
  return (h ^ (h >>> 7)) & (SHARDS - 1);
}

export class ShardedMap<V> {
  private readonly shards: Array<Map<string, V>> = Array.from({ length: SHARDS }, () => new Map<string, V>());

  /** Counted when asked (rarely), so that `set` does no more than a Map's. */
  get size(): number {
    let size = 0;
    for (const shard of this.shards) size += shard.size;
    return size;
  }

  get(key: string): V | undefined {
    return this.shards[shardOf(key)].get(key);
  }

  has(key: string): boolean {
    return this.shards[shardOf(key)].has(key);
  }

  set(key: string, value: V): this {
    this.shards[shardOf(key)].set(key, value);
    return this;
  }

  delete(key: string): boolean {
    return this.shards[shardOf(key)].delete(key);
  }

  *values(): IterableIterator<V> {
    for (const shard of this.shards) yield* shard.values();
  }

  *entries(): IterableIterator<[string, V]> {
    for (const shard of this.shards) yield* shard.entries();
  }
}

export class ShardedSet {
  private readonly map = new ShardedMap<true>();

  get size(): number {
    return this.map.size;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  add(key: string): this {
    this.map.set(key, true);
    return this;
  }
}
