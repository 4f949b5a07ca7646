import { strict as assert } from 'node:assert';
import { release } from '../../src/core/release';

describe('releasing large arrays early', () => {
  it('empties an array that owns its buffer, and every view of that buffer', () => {
    const array = new Uint16Array(1000).fill(7);
    const other = new Uint8Array(array.buffer);
    release(array);
    assert.equal(array.length, 0, 'the array is emptied');
    assert.equal(other.length, 0, 'so is every view of its buffer');
    release(array); // Releasing an emptied array again does nothing.
    assert.equal(array.length, 0);
  });

  it('leaves alone a view into part of a buffer, and shared memory', () => {
    const pooled = Buffer.from('a small file, read into Node\'s shared pool');
    assert.ok(pooled.byteLength < pooled.buffer.byteLength, 'the test needs a pooled buffer');
    const neighbour = new Uint8Array(pooled.buffer);
    release(pooled);
    assert.equal(pooled.toString(), 'a small file, read into Node\'s shared pool');
    assert.equal(neighbour.length, pooled.buffer.byteLength);
    const part = new Uint32Array(new ArrayBuffer(64), 16, 4).fill(3);
    release(part);
    assert.deepEqual(Array.from(part), [3, 3, 3, 3]);
    const shared = new Uint32Array(new SharedArrayBuffer(16)).fill(5);
    release(shared);
    assert.deepEqual(Array.from(shared), [5, 5, 5, 5]);
  });
});
