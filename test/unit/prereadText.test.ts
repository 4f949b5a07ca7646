import { strict as assert } from 'node:assert';
import { buildLibrary } from '../../src/core/library/buildLibrary';
import { WorkerAnswers } from '../../src/core/load/workerAnswers';
import { ParseResultCollector, type ParseReply } from '../../src/core/load/workerProtocol';
import type { DraftParseResult } from '../../src/core/model';
import { PrereadFile, PrereadTexts } from '../../src/core/search/prereadText';
import { SearchIndex } from '../../src/core/search/searchIndex';
import { runToEnd } from '../../src/core/slices';
import { DEFAULT_TAXONOMY } from '../../src/core/topics/taxonomy';
import { corpusMaterial, generateBibtex } from '../../bench/generate';

/** A file parsed as a parse worker answers (its replies collected in order, here on this thread), with what it read for the index. */
function parsedByWorker(text: string, source: string): { result: DraftParseResult; preread: PrereadFile } {
  const collector = new ParseResultCollector();
  const preread = new PrereadFile();
  let result: DraftParseResult | undefined;
  new WorkerAnswers((reply: ParseReply) => {
    if ('error' in reply) throw new Error(reply.error);
    const done = collector.add(reply.chunk, reply.done);
    if (reply.words) preread.add(collector.lastChunk, reply.words);
    if (done) result = done;
  }).answer({ id: 1, source, bytes: new TextEncoder().encode(text) });
  assert.ok(result, 'the worker answered');
  return { result, preread };
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('index words read in the parse worker', () => {
  it('a first build from them is the build that reads every paper itself, byte for byte', function () {
    this.timeout(60000);
    // The second file repeats a paper of the first (same DOI) with an abstract the first lacks: the merge fills it in,
    // so that paper's words must be read again. British spellings, accents and keywords on the way.
    const first = `${generateBibtex(700, 51, corpusMaterial())}
@article{shared2024, title = {Colour Models of the Tumour}, author = {Müller, Zoë and Ødegård, Ann}, year = {2024}, doi = {10.1/shared}, keywords = {colour, behaviour}}
@article{own2023, title = {Optimise the Centre}, author = {Łukasiewicz, Jan}, year = {2023}, abstract = {We analyse behaviour — and “modelling” — of 4-bit GPT4 models.}}
`;
    const second = `@article{shared2024b, title = {Colour Models of the Tumour}, author = {Müller, Zoë}, year = {2024}, doi = {10.1/shared}, abstract = {A filled-in abstract about colour.}}
${generateBibtex(300, 52, corpusMaterial()).replace(/@(\w+)\{(\w+),/g, '@$1{b$2,')}`;
    const files = [parsedByWorker(first, 'file:///a.bib'), parsedByWorker(second, 'file:///b.bib')];
    const preread = new PrereadTexts();
    for (const file of files) preread.addFile(file.preread);
    assert.equal(preread.size, files.reduce((n, f) => n + f.result.papers.length, 0), 'every paper was read in the worker');

    const sources = () => files.map((f) => structuredClone(f.result));
    const expected = runToEnd(buildLibrary(sources(), DEFAULT_TAXONOMY, SearchIndex.empty()));
    // The pre-read words belong to the worker's own paper objects: built from those.
    const built = runToEnd(buildLibrary(files.map((f) => f.result), DEFAULT_TAXONOMY, SearchIndex.empty(), undefined, () => undefined, preread));
    assert.deepStrictEqual(built.papers, expected.papers);
    assert.equal(hex(built.index.toBytes()), hex(expected.index.toBytes()));
    const shared = built.papers.find((p) => p.key === 'shared2024');
    assert.equal(shared?.abstract, 'A filled-in abstract about colour.', 'the merge filled in the abstract');
    assert.equal(preread.of(shared!), undefined, 'so that paper was read again, not taken from the worker');
    assert.ok(preread.of(built.papers.find((p) => p.key === 'own2023')!), 'an unchanged paper is taken from the worker');
    assert.ok(built.index.search('filled').some((h) => h.paper.key === 'shared2024'));
    assert.ok(built.index.search('behavior').some((h) => h.paper.key === 'own2023'), 'British spellings as American, from the worker too');
  });
});
