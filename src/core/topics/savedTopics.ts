/**
 * The topic state saved beside the library, so that after a restart a
 * changed or new paper still joins its nearest learnt topic instead of
 * setting off a re-discovery that could reshuffle every topic.
 *
 * "LNTP", a 32-bit header length, a JSON header (fingerprint, topics,
 * vocabulary words, topic ids per level), then the typed arrays as raw
 * little-endian bytes, 4-byte aligned: idf, df, and each level's centroids.
 */
import type { DiscoveryModel } from './discover/discover';
import type { TopicState } from './topicModes';

const MAGIC = 'LNTP';
const LAYOUT = 1;

interface LevelHeader {
  k: number;
  topicIds: string[];
}

interface Header {
  layout: number;
  fingerprint: string;
  topics: TopicState['topics'];
  placed: number;
  model?: {
    stems: string[];
    words: string[];
    documents: number;
    discovered: DiscoveryModel['topics'];
    top: LevelHeader;
    /** Subtopic levels in the order their centroids follow the top level's. */
    sub: Array<[string, LevelHeader]>;
  };
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const padded = (n: number): number => (n + 3) & ~3;

/** The topic state as bytes, tied to the library `fingerprint` it was learnt from. */
export function encodeTopicState(state: TopicState, fingerprint: string): Uint8Array {
  if (!littleEndian) throw new Error('saving topics needs a little-endian machine');
  const model = state.model;
  const arrays: Array<Float32Array | Int32Array> = [];
  const header: Header = { layout: LAYOUT, fingerprint, topics: state.topics, placed: state.placed };
  if (model) {
    const sub = [...model.sub];
    header.model = {
      stems: model.vocabulary.stems,
      words: model.vocabulary.words,
      documents: model.vocabulary.documents,
      discovered: model.topics,
      top: { k: model.top.k, topicIds: model.top.topicIds },
      sub: sub.map(([parent, level]) => [parent, { k: level.k, topicIds: level.topicIds }]),
    };
    arrays.push(model.vocabulary.idf, model.vocabulary.df, model.top.centroids, ...sub.map(([, level]) => level.centroids));
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = padded(8 + json.length);
  const bytes = new Uint8Array(start + arrays.reduce((n, a) => n + a.byteLength, 0));
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(4, json.length, true);
  bytes.set(json, 8);
  let at = start;
  for (const a of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return bytes;
}

/** The saved topic state, or undefined when the bytes are not one or were learnt from another library. */
export function decodeTopicState(bytes: Uint8Array, fingerprint: string): TopicState | undefined {
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) return undefined;
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + length > bytes.length) return undefined;
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
  if (header.layout !== LAYOUT || header.fingerprint !== fingerprint) return undefined;
  const state: TopicState = { topics: header.topics, placed: header.placed };
  const m = header.model;
  if (!m) return state;
  // Copied into an aligned buffer of its own: the saved file's bytes may start anywhere.
  const body = bytes.slice(padded(8 + length));
  let at = 0;
  const take = <T extends Float32Array | Int32Array>(make: new (buffer: ArrayBuffer, offset: number, length: number) => T, n: number): T => {
    if (at + n * 4 > body.byteLength) throw new Error('the saved topics are cut short');
    const array = new make(body.buffer, at, n);
    at += n * 4;
    return array;
  };
  const terms = m.stems.length;
  const idf = take(Float32Array, terms);
  const df = take(Int32Array, terms);
  const top = { ...m.top, centroids: take(Float32Array, terms * m.top.k) };
  const sub = new Map(m.sub.map(([parent, level]) => [parent, { ...level, centroids: take(Float32Array, terms * level.k) }]));
  const vocabulary = { ids: new Map(m.stems.map((s, i) => [s, i])), stems: m.stems, idf, df, documents: m.documents, words: m.words };
  state.model = { vocabulary, top, sub, topics: m.discovered };
  return state;
}
