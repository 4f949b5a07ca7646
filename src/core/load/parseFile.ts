/**
 * One library file from its bytes to draft papers: decoded (byte order marks,
 * invalid UTF-8) and parsed by the parser its extension calls for. The same
 * steps run on the extension host (in time slices) and in a parse worker.
 */
import type { DraftParseResult } from '../model';
import { allBytes, type ByteSource } from './byteSource';
import { parseBibtexBytesSteps, type BibtexOptions } from '../sources/bibtex';
import type { Steps } from '../slices';
import { decodeText } from '../sources/decodeText';
import { parseSourceSteps, sourceKindOf } from '../sources/index';

export function* parseFileSteps(bytes: Uint8Array | ByteSource, source: string, bibtex: BibtexOptions = {}): Steps<DraftParseResult> {
  // BibTeX files, the ones that run to hundreds of megabytes, are decoded a window at a time.
  if (sourceKindOf(source) === 'bibtex') return yield* parseBibtexBytesSteps(bytes, source, bibtex);
  const { text, problems } = decodeText(allBytes(bytes), source);
  yield;
  const result = yield* parseSourceSteps(text, source, bibtex);
  result.problems.unshift(...problems);
  return result;
}
