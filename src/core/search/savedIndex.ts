import { runToEnd, type Steps } from '../slices';
import { compoundTableSteps } from './compounds';
import { Segment, vocabularyOf, type FieldAverages } from './segment';

/**
 * The saved index: "LNIX", a 32-bit header length, a JSON header (keys,
 * terms, removed documents, field averages), then each segment's typed
 * arrays as raw little-endian bytes, 4-byte aligned. Loading is a header
 * parse plus array views: no per-posting work.
 */
const MAGIC = 'LNIX';
const LAYOUT = 2;

interface Header {
  layout: number;
  averages: FieldAverages;
  segments: { keys: string[]; terms: string[]; removed: number[]; postings: number }[];
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const padded = (n: number): number => (n + 3) & ~3;

export function encodeSegments(segments: readonly Segment[], averages: FieldAverages): Uint8Array {
  return concatBytes(runToEnd(encodeSegmentPartsSteps(segments, averages)));
}

/** Strings written per step of the header. */
const STRINGS_PER_STEP = 8192;

/** `parts` one after another, in one new buffer. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/**
 * The saved index as pieces that, written one after another, are its bytes:
 * the magic, length and header first, then views of the segments' own typed
 * arrays (not copies: at 100k papers they are some 80 MB) and the zero bytes
 * that align each to 4. The header is the JSON text of a `Header`, written
 * piece by piece (its word lists are long: one JSON.stringify of them all is
 * a long block).
 */
export function* encodeSegmentPartsSteps(segments: readonly Segment[], averages: FieldAverages): Steps<Uint8Array[]> {
  if (!littleEndian) throw new Error('saving the index needs a little-endian machine');
  // The same text as JSON.stringify(header), fields in the order of `Header`.
  let text = `{"layout":${JSON.stringify(LAYOUT)},"averages":${JSON.stringify(averages)},"segments":[`;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const removed = [...s.live.keys()].filter((local) => !s.live[local]);
    text += `${i ? ',' : ''}{"keys":${yield* jsonList(s.data.keys)},"terms":${yield* jsonList(s.data.terms)},"removed":${JSON.stringify(removed)},"postings":${JSON.stringify(s.data.docs.length)}}`;
  }
  text += ']}';
  const json = new TextEncoder().encode(text);
  yield;
  const head = new Uint8Array(8 + padded(json.length));
  head.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(head.buffer).setUint32(4, json.length, true);
  head.set(json, 8);
  const parts: Uint8Array[] = [head];
  const zeros = new Uint8Array(3);
  for (const s of segments) {
    for (const array of [s.data.offsets, s.data.docs, s.data.weights]) {
      parts.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      const pad = padded(array.byteLength) - array.byteLength;
      if (pad) parts.push(zeros.subarray(0, pad));
    }
  }
  return parts;
}

/** JSON.stringify(strings), a few thousand strings per step. */
function* jsonList(strings: readonly string[]): Steps<string> {
  const parts: string[] = [];
  for (let start = 0; start < strings.length; start += STRINGS_PER_STEP) {
    parts.push(JSON.stringify(strings.slice(start, start + STRINGS_PER_STEP)).slice(1, -1));
    yield;
  }
  return `[${parts.join(',')}]`;
}

/** Reads a saved index step by step (rebuilding each segment's word tree is the long part). */
export function* decodeSegments(bytes: Uint8Array): Generator<number, { segments: Segment[]; averages: FieldAverages }> {
  if (!littleEndian) throw new Error('loading the index needs a little-endian machine');
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error('not a saved LitNotes index');
  // Views need 4-byte alignment; a misaligned buffer is copied once.
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Header;
  if (header.layout !== LAYOUT) throw new Error(`saved index layout ${header.layout}, expected ${LAYOUT}`);
  let at = bytes.byteOffset + 8 + padded(headerLength);
  const end = bytes.byteOffset + bytes.length;
  const take = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, width: number): T => {
    if (at + length * width > end) throw new Error('the saved index is truncated');
    const view = make(bytes.buffer, at, length);
    at += padded(length * width);
    return view;
  };
  const segments: Segment[] = [];
  for (const s of header.segments) {
    const offsets = take((b, o, n) => new Uint32Array(b, o, n), s.terms.length + 1, 4);
    const docs = take((b, o, n) => new Uint16Array(b, o, n), s.postings, 2);
    const weights = take((b, o, n) => new Uint8Array(b, o, n), s.postings, 1);
    const flags = new Uint8Array(s.keys.length).fill(1);
    for (const local of s.removed) flags[local] = 0;
    const live = { flags, count: flags.reduce((sum, flag) => sum + flag, 0) };
    segments.push(new Segment({ keys: s.keys, terms: s.terms, offsets, docs, weights }, yield* vocabularyOf(s.terms), live));
    yield* compoundTableSteps(s.terms, 0);
  }
  return { segments, averages: header.averages };
}
