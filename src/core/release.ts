/**
 * Lets go of a large typed array's memory once nothing needs it: at once
 * where the runtime can, else at the next garbage collection, even while
 * something still holds the array. Every view of its buffer is emptied, so
 * a use after the release reads nothing rather than stale data.
 *
 * Why at once: V8 counts array buffers as memory outside its heap. Once
 * some 64 MB of them has been allocated since its last full collection, it
 * starts one, and at 100,000 papers that one marked the whole heap in a
 * single pause of 50-130 ms on the extension host's thread. A buffer let
 * go with `transfer(0)` is taken off that count at once.
 *
 * A view into part of a buffer (Node pools small file reads in one) and
 * shared memory are left alone: they are not ours alone to free.
 */
export function release(array: ArrayBufferView): void {
  const buffer = array.buffer;
  if (array.byteOffset !== 0 || array.byteLength !== buffer.byteLength || buffer.byteLength === 0) return;
  if (Object.prototype.toString.call(buffer) !== '[object ArrayBuffer]') return;
  const transfer = (buffer as { transfer?: (length: number) => ArrayBuffer }).transfer;
  // Without `transfer` (Node 20), handing the buffer to a clone nobody keeps detaches it all the same.
  if (typeof transfer === 'function') transfer.call(buffer, 0);
  else structuredClone(buffer, { transfer: [buffer as ArrayBuffer] });
}
