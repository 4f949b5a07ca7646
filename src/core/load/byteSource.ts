/**
 * A file's bytes, read a range at a time: bytes already in memory, or (in a
 * Node parse worker) the file on disk, so that no thread holds a large
 * library file whole while it is parsed.
 */
export interface ByteSource {
  readonly length: number;
  /** Bytes `start` to `end`, clamped to the file. Valid until the next read (a source may reuse one buffer): use them at once. */
  read(start: number, end: number): Uint8Array;
}

/** Bytes in memory as a source (reads are views, no copies). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { length: bytes.length, read: (start, end) => bytes.subarray(Math.max(0, start), Math.min(bytes.length, end)) };
}

export function asByteSource(bytes: Uint8Array | ByteSource): ByteSource {
  return bytes instanceof Uint8Array ? bytesSource(bytes) : bytes;
}

/** The whole file in memory (a view of bytes already there). */
export function allBytes(bytes: Uint8Array | ByteSource): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : bytes.read(0, bytes.length);
}
