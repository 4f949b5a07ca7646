import { lineAtAnyEnding } from '../lines';
import type { Problem } from '../model';

/**
 * Decodes a library file's bytes. Honours UTF-8 and UTF-16 byte order marks,
 * replaces invalid UTF-8 and NUL bytes rather than failing, and says so.
 */
export function decodeText(bytes: Uint8Array, source: string): { text: string; problems: Problem[] } {
  const problems: Problem[] = [];
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    text = new TextDecoder('utf-8').decode(bytes.subarray(start));
  }
  if (text.includes('\uFFFD')) {
    problems.push({ source, line: lineAtAnyEnding(text, text.indexOf('\uFFFD')), severity: 'warning', message: 'The file is not valid UTF-8; unreadable bytes were replaced by \uFFFD.' });
  }
  if (text.includes('\u0000')) {
    problems.push({ source, line: lineAtAnyEnding(text, text.indexOf('\u0000')), severity: 'warning', message: 'The file contains NUL bytes; they were ignored.' });
    text = text.replace(/\u0000/g, '');
  }
  return { text, problems };
}
