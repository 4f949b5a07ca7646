import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { OpenFile } from '../core/load/workerAnswers';

/**
 * Reads up to this many bytes into one buffer that every read reuses: a
 * parse reads a window (1 MB) at a time and decodes it at once, and a new
 * buffer per window left the worker's allocator holding freed megabytes.
 */
const REUSED_BYTES = (1 << 20) + (1 << 16);

/**
 * A local file read a range at a time (Node's fs, synchronous: the parse
 * worker has nothing else to do meanwhile). A read of up to REUSED_BYTES is
 * valid until the next read; every reader here decodes or scans it at once.
 */
export function openFileSource(path: string): OpenFile {
  const fd = openSync(path, 'r');
  let length: number;
  try {
    length = fstatSync(fd).size;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  let reused: Uint8Array | undefined;
  return {
    length,
    read(start, end) {
      const from = Math.max(0, start);
      const size = Math.max(0, Math.min(length, end) - from);
      const out = size <= REUSED_BYTES ? (reused ??= new Uint8Array(REUSED_BYTES)).subarray(0, size) : new Uint8Array(size);
      let got = 0;
      while (got < size) {
        const n = readSync(fd, out, got, size - got, from + got);
        // The file was cut short while it was read: what there is.
        if (n === 0) return out.subarray(0, got);
        got += n;
      }
      return out;
    },
    close: () => closeSync(fd),
  };
}
