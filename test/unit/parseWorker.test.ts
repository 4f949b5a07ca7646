// The Node parse worker (dist/node/parseWorker.js, built by `npm run test:unit` before mocha runs): the same papers
// and problems as a parse on this thread, sent back in chunks of PAPERS_PER_CHUNK papers.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DraftParseResult } from '../../src/core/model';
import { parseFileSteps } from '../../src/core/load/parseFile';
import { PAPERS_PER_CHUNK, ParseResultCollector, type ParseReply } from '../../src/core/load/workerProtocol';
import { runToEnd } from '../../src/core/slices';
import { corpusMaterial, generateBibtex } from '../../bench/generate';

const WORKER = path.resolve(process.cwd(), 'dist', 'node', 'parseWorker.js');

function parseInWorker(bytes: Uint8Array, source: string): Promise<{ result: DraftParseResult; chunks: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER);
    const collector = new ParseResultCollector();
    let chunks = 0;
    worker.on('message', (reply: ParseReply) => {
      if ('error' in reply) return reject(new Error(reply.error));
      chunks++;
      const result = collector.add(reply.json, reply.done);
      if (result) {
        void worker.terminate();
        resolve({ result, chunks });
      }
    });
    worker.on('error', reject);
    worker.postMessage({ id: 1, source, bytes }, [bytes.buffer as ArrayBuffer]);
  });
}

describe('parse worker (Node)', () => {
  it('parses a file of 2,500 entries with one broken, as this thread does, in chunks', async function () {
    this.timeout(60000);
    const text = generateBibtex(2500, 11, corpusMaterial()).replace(/,\n  author = /, '\n  author = ');
    const bytes = new TextEncoder().encode(`\uFEFF${text}`);
    const expected = runToEnd(parseFileSteps(bytes.slice(), 'file:///big.bib'));
    assert.equal(expected.papers.length, 2499);
    assert.ok(expected.problems.some((p) => p.severity === 'error'), 'the broken entry is a problem');
    const { result, chunks } = await parseInWorker(bytes, 'file:///big.bib');
    assert.equal(bytes.byteLength, 0, 'the bytes were handed over, not copied');
    assert.equal(chunks, Math.ceil(2499 / PAPERS_PER_CHUNK));
    assert.deepStrictEqual(result, expected);
  });

  it('answers an empty file with one chunk and no papers', async () => {
    const { result, chunks } = await parseInWorker(new Uint8Array(0), 'file:///empty.bib');
    assert.equal(chunks, 1);
    assert.deepStrictEqual(result, runToEnd(parseFileSteps(new Uint8Array(0), 'file:///empty.bib')));
  });
});
