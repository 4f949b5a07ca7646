// Which library files are too large to read: decided on the file's size alone, before a byte is read.
import * as assert from 'node:assert/strict';
import { DEFAULT_MAX_FILE_SIZE_MB, HARD_LIMIT_MB, sizeRefusal } from '../../src/core/sources/sizeLimit';

const MB = 1024 * 1024;

describe('file size limit', () => {
  it('reads a single 143 MB library file under the default limit', () => {
    assert.equal(sizeRefusal(143 * MB, DEFAULT_MAX_FILE_SIZE_MB), undefined);
    assert.equal(sizeRefusal(DEFAULT_MAX_FILE_SIZE_MB * MB, DEFAULT_MAX_FILE_SIZE_MB), undefined, 'exactly at the limit is allowed');
  });

  it('refuses a 1 GB file under the default limit, saying how large it is and which setting applies', () => {
    const message = sizeRefusal(1024 * MB, DEFAULT_MAX_FILE_SIZE_MB);
    assert.equal(message, `The file is 1.0 GB, over the limit of ${DEFAULT_MAX_FILE_SIZE_MB} MB (setting litnotes.maxFileSizeMB); it was skipped.`);
  });

  it('refuses a 1 GB file even when the setting is raised past what fits in memory, and says the setting cannot help', () => {
    const message = sizeRefusal(1024 * MB, 4096);
    assert.match(message ?? '', /^The file is 1\.0 GB, over the 512 MB LitNotes can read in one file/);
    assert.match(message ?? '', /Split it into smaller files\.$/);
    assert.equal(sizeRefusal(HARD_LIMIT_MB * MB + 1, 4096) !== undefined, true, 'one byte over the ceiling');
    assert.equal(sizeRefusal(300 * MB, 4096), undefined, 'a raised setting still reads what fits');
  });

  it('honours a lowered limit, in megabytes with one decimal', () => {
    assert.equal(sizeRefusal(2500, 0.001), 'The file is 0.0 MB, over the limit of 0.001 MB (setting litnotes.maxFileSizeMB); it was skipped.');
    assert.equal(sizeRefusal(1000, 0.001), undefined);
    assert.equal(sizeRefusal(65 * MB, 64), 'The file is 65.0 MB, over the limit of 64 MB (setting litnotes.maxFileSizeMB); it was skipped.');
  });
});
