import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { OpenFile } from '../core/load/workerAnswers';

/** A local file read a range at a time (Node's fs, synchronous: the parse worker has nothing else to do meanwhile). */
export function openFileSource(path: string): OpenFile {
  const fd = openSync(path, 'r');
  let length: number;
  try {
    length = fstatSync(fd).size;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  return {
    length,
    read(start, end) {
      const from = Math.max(0, start);
      const out = new Uint8Array(Math.max(0, Math.min(length, end) - from));
      let got = 0;
      while (got < out.length) {
        const n = readSync(fd, out, got, out.length - got, from + got);
        // The file was cut short while it was read: what there is.
        if (n === 0) return out.subarray(0, got);
        got += n;
      }
      return out;
    },
    close: () => closeSync(fd),
  };
}
