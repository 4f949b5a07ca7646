/**
 * Which library files are too large to read. A file is decoded into one
 * string and parsed while that string is held, so the extension host needs
 * several times the file's size; past about 512 MB the text no longer fits
 * in one JavaScript string at all. The setting (litnotes.maxFileSizeMB) can
 * lower the limit but not raise it past that ceiling: a file over it is
 * refused with a message instead of crashing the host.
 */

const MB = 1024 * 1024;

/** The size no setting can raise the limit past: about V8's longest string. */
export const HARD_LIMIT_MB = 512;

/** The default for litnotes.maxFileSizeMB: a 100,000-entry library in one file (about 150–220 MB) loads. */
export const DEFAULT_MAX_FILE_SIZE_MB = 256;

/** Why a file of `bytes` is not read under a limit of `limitMB`, or undefined when it may be read. */
export function sizeRefusal(bytes: number, limitMB: number): string | undefined {
  const limit = Math.min(limitMB, HARD_LIMIT_MB);
  if (bytes <= limit * MB) return undefined;
  const size = bytes >= 1024 * MB ? `${(bytes / (1024 * MB)).toFixed(1)} GB` : `${(bytes / MB).toFixed(1)} MB`;
  return limitMB > HARD_LIMIT_MB
    ? `The file is ${size}, over the ${HARD_LIMIT_MB} MB LitNotes can read in one file (litnotes.maxFileSizeMB cannot raise that); it was skipped. Split it into smaller files.`
    : `The file is ${size}, over the limit of ${limitMB} MB (setting litnotes.maxFileSizeMB); it was skipped.`;
}
