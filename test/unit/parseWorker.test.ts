// The Node parse worker (dist/node/parseWorker.js, built by `npm run test:unit` before mocha runs): the same papers
// and problems as a parse on this thread, sent back in chunks of PAPERS_PER_CHUNK papers.
import * as assert from 'node:assert/strict';
import { buildLibrary } from '../../src/core/library/buildLibrary';
import { parseFileSteps } from '../../src/core/load/parseFile';
import { PAPERS_PER_CHUNK, ParseResultCollector, type ParseReply } from '../../src/core/load/workerProtocol';
import { WorkerAnswers } from '../../src/core/load/workerAnswers';
import { SearchIndex } from '../../src/core/search/searchIndex';
import { runToEnd } from '../../src/core/slices';
import { DEFAULT_TAXONOMY } from '../../src/core/topics/taxonomy';
import { corpusMaterial, generateBibtex } from '../../bench/generate';
import { buildInNodeWorker, parseFileInNodeWorker, parseInNodeWorker, parsePartInNodeWorker } from '../../bench/nodeWorker';
import { evenParts, fileParts, joinParts } from '../../src/core/load/fileParts';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

describe('parse worker (Node)', () => {
  it('parses a file of 2,500 entries with one broken, as this thread does, in chunks', async function () {
    this.timeout(60000);
    const text = generateBibtex(2500, 11, corpusMaterial()).replace(/,\n  author = /, '\n  author = ');
    const bytes = new TextEncoder().encode(`\uFEFF${text}`);
    const expected = runToEnd(parseFileSteps(bytes.slice(), 'file:///big.bib'));
    assert.equal(expected.papers.length, 2499);
    assert.ok(expected.problems.some((p) => p.severity === 'error'), 'the broken entry is a problem');
    const { chunks, ...result } = await parseInNodeWorker(bytes, 'file:///big.bib');
    assert.equal(bytes.byteLength, 0, 'the bytes were handed over, not copied');
    assert.equal(chunks, Math.ceil(2499 / PAPERS_PER_CHUNK));
    assert.deepStrictEqual(result, expected);
  });

  it('waits, with a limit of chunks in flight, until the host takes them, and then sends the same result', async function () {
    this.timeout(60000);
    const bytes = new TextEncoder().encode(generateBibtex(2000, 12, corpusMaterial()));
    const expected = runToEnd(parseFileSteps(bytes.slice(), 'file:///flow.bib'));
    const replies: ParseReply[] = [];
    const answers = new WorkerAnswers((reply) => replies.push(reply));
    // The parse runs at once until it has sent 3 chunks (and the rest of that step's: a step makes up to
    // 100 papers, 3 chunks), then waits for an acknowledgement.
    const most = 3 + Math.ceil(100 / PAPERS_PER_CHUNK);
    answers.answer({ id: 7, source: 'file:///flow.bib', bytes, inFlight: 3 });
    const before = replies.length;
    assert.ok(before >= 3 && before <= most, `${before} chunks sent before the first acknowledgement`);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    await turn();
    assert.equal(replies.length, before, 'nothing more without an acknowledgement');
    const collector = new ParseResultCollector();
    let result: ReturnType<typeof collector.add>;
    for (let taken = 0; !result; taken++) {
      while (replies.length <= taken) await turn();
      const reply = replies[taken];
      assert.ok('chunk' in reply);
      result = collector.add(reply.chunk, reply.done);
      assert.ok(replies.length - taken <= most, `never more than ${most} chunks ahead`);
      answers.answer({ kind: 'ack', id: 7 });
    }
    assert.equal(replies.length, Math.floor(expected.papers.length / PAPERS_PER_CHUNK) + 1, "full chunks, then the last with the problems");
    assert.deepStrictEqual(result, JSON.parse(JSON.stringify(expected)));
  });

  it('parses one file in two parts at once, from shared memory, as one reader does', async function () {
    this.timeout(60000);
    const bytes = new TextEncoder().encode(generateBibtex(3000, 13, corpusMaterial()));
    const whole = runToEnd(parseFileSteps(bytes.slice(), 'file:///one.bib'));
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    const parts = fileParts(shared, 2, 0);
    assert.equal(parts.length, 2);
    const answers = await Promise.all(parts.map((part) => parsePartInNodeWorker(shared, part, 'file:///one.bib')));
    assert.ok(answers.every((a) => !a.undecided));
    const joined = joinParts(answers.map(({ papers, problems }) => ({ papers, problems })), 'file:///one.bib');
    assert.deepStrictEqual(joined, JSON.parse(JSON.stringify(whole)));
    assert.equal(shared.length, bytes.length, 'shared, not handed over');
  });

  it('reads a local file itself, whole or in two parts cut where the host never looked, as one reader does', async function () {
    this.timeout(60000);
    const bytes = new TextEncoder().encode(generateBibtex(3000, 14, corpusMaterial()));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-worker-'));
    try {
      const file = path.join(dir, 'lib.bib');
      fs.writeFileSync(file, bytes);
      const whole = JSON.parse(JSON.stringify(runToEnd(parseFileSteps(bytes, 'file:///lib.bib'))));
      const { chunks, ...read } = await parseFileInNodeWorker(file, 'file:///lib.bib');
      assert.ok(chunks > 1);
      assert.deepStrictEqual(read, whole);
      // Cut in equal halves; each worker moves the cut to the same entry start.
      const parts = evenParts(bytes.length, 2, 0);
      const answers = await Promise.all(parts.map((part) => parseFileInNodeWorker(file, 'file:///lib.bib', part)));
      assert.ok(answers.every((a) => !a.undecided));
      assert.ok(answers.every((a) => a.papers.length > 1000), 'both halves have papers');
      assert.deepStrictEqual(joinParts(answers.map(({ papers, problems }) => ({ papers, problems })), 'file:///lib.bib'), whole);
      // A file it cannot open is the host's to read (and report), not a broken worker.
      await assert.rejects(parseFileInNodeWorker(path.join(dir, 'missing.bib'), 'file:///missing.bib'), (e: Error & { unreadable?: boolean }) => e.unreadable === true && /ENOENT/.test(e.message));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers an empty file with one chunk and no papers', async () => {
    const { chunks, ...result } = await parseInNodeWorker(new Uint8Array(0), 'file:///empty.bib');
    assert.equal(chunks, 1);
    assert.deepStrictEqual(result, runToEnd(parseFileSteps(new Uint8Array(0), 'file:///empty.bib')));
  });

  it('builds the library (assemble, sort, index) as this thread does, and its index restores to answer the same searches', async function () {
    this.timeout(60000);
    const sources = [1200, 900].map((n, i) => runToEnd(parseFileSteps(new TextEncoder().encode(generateBibtex(n, 30 + i, corpusMaterial())), `file:///lib${i}.bib`)));
    const expected = runToEnd(buildLibrary(sources, DEFAULT_TAXONOMY, SearchIndex.empty()));
    const built = await buildInNodeWorker(sources, DEFAULT_TAXONOMY);
    assert.ok(built.index, 'the worker sent the index');
    // The papers as JSON carries them (no properties set to undefined), in the same display order.
    assert.deepStrictEqual(built.papers, JSON.parse(JSON.stringify(expected.papers)));
    assert.deepStrictEqual(built.problems, expected.problems);
    const index = runToEnd(SearchIndex.restore(built.index, built.papers));
    assert.equal(index.size, expected.index.size);
    for (const query of ['sparse attention', 'quantization', 'kv cache', 'pruning llm']) {
      const keys = (i: SearchIndex) => i.search(query, { limit: 20 }).map((h) => h.paper.key);
      assert.ok(keys(expected.index).length > 0, `"${query}" finds papers`);
      assert.deepStrictEqual(keys(index), keys(expected.index), `"${query}"`);
    }
  });
});
