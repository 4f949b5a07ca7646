/**
 * A BibTeX file read from disk a window at a time (as a Node parse worker
 * reads a local file) gives what the same file's bytes in memory give.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bytesSource } from '../../src/core/load/byteSource';
import { evenParts, fileParts, snapPart } from '../../src/core/load/fileParts';
import { mentionsJabrefMeta, mentionsJabrefMetaIn } from '../../src/core/sources/bibWindows';
import { parseBibtexBytesSteps, parseBibtexPartSteps } from '../../src/core/sources/bibtex';
import { runToEnd } from '../../src/core/slices';
import { openFileSource } from '../../src/worker/fileSource';
import { fixtureNames } from './helpers/oracle';

const BIB_FIXTURES = path.resolve(process.cwd(), 'test', 'fixtures', 'bib');

describe('a BibTeX file read from disk a window at a time', () => {
  it('gives every fixture file the papers and problems its bytes give, whole and in parts', function () {
    this.timeout(120000);
    let cut = 0;
    for (const name of fixtureNames()) {
      const file = path.join(BIB_FIXTURES, name);
      const bytes = new Uint8Array(fs.readFileSync(file));
      const source = openFileSource(file);
      try {
        assert.equal(source.length, bytes.length);
        assert.deepEqual(runToEnd(parseBibtexBytesSteps(source, name, {}, 4096)), runToEnd(parseBibtexBytesSteps(bytes, name, {}, 4096)), name);
        // The parts a worker makes from even cuts are the ones the host would make from the bytes.
        const snapped = evenParts(bytes.length, 3, 0).map((part) => snapPart(source, part)).filter((p) => p.start < p.end);
        const parts = fileParts(bytes, 3, 0);
        if (parts.length > 1) {
          assert.deepEqual(snapped, parts, name);
          cut++;
          for (const part of parts) assert.deepEqual(runToEnd(parseBibtexPartSteps(source, part, name, {}, 4096)), runToEnd(parseBibtexPartSteps(bytes, part, name, {}, 4096)), `${name} ${part.start}`);
        }
      } finally {
        source.close();
      }
    }
    assert.ok(cut > 50, `${cut} files cut in parts`);
  });

  it('reads ranges clamped to the file, and a file cut short as far as it goes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-source-'));
    try {
      const file = path.join(dir, 'a.bib');
      fs.writeFileSync(file, 'abcdefghij');
      const source = openFileSource(file);
      assert.equal(new TextDecoder().decode(source.read(-5, 3)), 'abc');
      assert.equal(new TextDecoder().decode(source.read(8, 100)), 'ij');
      assert.equal(source.read(20, 30).length, 0);
      fs.truncateSync(file, 4);
      assert.equal(new TextDecoder().decode(source.read(2, 8)), 'cd');
      source.close();
      assert.throws(() => openFileSource(path.join(dir, 'missing.bib')), /ENOENT/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds "jabref-meta" wherever a window boundary cuts it', () => {
    const word = '@Comment{JabRef-Meta: grouping:}';
    for (let at = 0; at < 40; at++) {
      const bytes = new TextEncoder().encode(`${'x'.repeat(at)}${word}${'y'.repeat(7)}`);
      assert.equal(mentionsJabrefMetaIn(bytesSource(bytes), 16), mentionsJabrefMeta(bytes), `at ${at}`);
      assert.ok(mentionsJabrefMetaIn(bytesSource(bytes), 16), `at ${at}`);
    }
    assert.equal(mentionsJabrefMetaIn(bytesSource(new TextEncoder().encode('jabref meta jabref-met a')), 8), false);
  });
});
