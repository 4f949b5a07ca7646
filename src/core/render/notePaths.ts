import { fnv1a } from '../text';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_STEM = 100;

/**
 * A safe file name (`<stem>.md`) for a paper's note, from its citation key.
 * The result is a single path segment of letters, digits, `.`, `-` and `_`:
 * never `..`, never a separator, never a reserved device name, at most about
 * 110 characters. Keys that had to be changed get a short hash of the
 * original, so two different keys never share a file.
 */
export function noteFileName(key: string): string {
  const cleaned = key
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/[.-]+$/, '')
    .slice(0, MAX_STEM);
  let stem = cleaned || 'note';
  if (WINDOWS_RESERVED.test(stem)) stem = `_${stem}`;
  // A changed key gets its hash; so does a key already shaped like `<stem>-<hash>`, so it cannot meet a changed one.
  if (stem !== key || /-[0-9a-f]{8}$/.test(key)) stem = `${stem}-${fnv1a(key)}`;
  return `${stem}.md`;
}
