import { strict as assert } from 'node:assert';
import { release } from '../../src/core/release';
import { decodeLibrary, decodeLibraryFiles, encodeLibrary, encodeLibraryFile, LibraryFilesDecoder, libraryFileCount, libraryFilePieces, readLibraryHeader } from '../../src/core/library/savedLibrary';
import type { Paper } from '../../src/core/model';
import { SearchIndex } from '../../src/core/search/searchIndex';
import { decodeWeight, encodeWeight, MAX_SEGMENT_DOCS } from '../../src/core/search/segment';
import { forEachTerm, queryTerms } from '../../src/core/search/tokenize';
import { TopK } from '../../src/core/search/topK';
import { runInSlices, runToEnd } from '../../src/core/slices';
import { corpusPapers } from './helpers/corpus';

const terms = (text: string): string[] => {
  const out: string[] = [];
  forEachTerm(text, (t) => out.push(t));
  return out;
};

function tinyPaper(i: number, title: string): Paper {
  return { key: `p${i}`, title, authors: [], keywords: [], topics: [], origin: { source: 'gen.bib', kind: 'bibtex' } };
}

describe('search engine: words', () => {
  it('lower-cases, folds accents, drops stop words and single letters, keeps single digits', () => {
    assert.deepEqual(terms('The Müller-Lyon approach to 4-bit LLMs: a study'), ['muller', 'lyon', 'approach', '4', 'bit', 'llms', 'study']);
    assert.deepEqual(terms('Straße, Łódź, Ørsted, naïve'), ['strasse', 'lodz', 'orsted', 'naive']);
  });

  it('splits letters from digits, so a citation key is its author, year and title word', () => {
    assert.deepEqual(terms('frantar2023sparsegpt'), ['frantar', '2023', 'sparsegpt']);
    assert.deepEqual(terms('GPT4 llama2-7b fp16'), ['gpt', '4', 'llama', '2', '7', 'fp', '16']);
  });

  it('treats punctuation, symbols and all kinds of space as separators; keeps non-Latin letters', () => {
    assert.deepEqual(terms('KV-cache\u00a0(eviction)/merging;\tO(n²)'), ['kv', 'cache', 'eviction', 'merging', 'n2']);
    assert.deepEqual(terms('注意力 机制 Ωmega'), ['注意力', '机制', 'ωmega']);
    assert.deepEqual(terms(''), []);
    assert.deepEqual(terms(' -- '), []);
  });

  it('a query keeps each distinct word once, in order', () => {
    assert.deepEqual(queryTerms('sparse Sparse attention SPARSE'), ['sparse', 'attention']);
  });

  it('a query is spelled as the index is: American, one word per spelling', () => {
    assert.deepEqual(queryTerms('Optimisation of tumour modelling optimization'), ['optimization', 'tumor', 'modeling']);
  });
});

describe('search engine: stored weights', () => {
  it('round-trips within 3%, is monotonic, and clamps to one byte', () => {
    let previous = 0;
    for (let w = 0.07; w < 90; w *= 1.07) {
      const code = encodeWeight(w);
      assert.ok(code >= 1 && code <= 255);
      assert.ok(code >= previous);
      previous = code;
      assert.ok(Math.abs(decodeWeight(code) - w) / w < 0.03, `${w} → ${decodeWeight(code)}`);
    }
    assert.equal(encodeWeight(0), 1);
    assert.equal(encodeWeight(1e9), 255);
  });
});

describe('search engine: TopK', () => {
  it('keeps the best k, best first, earlier offers winning ties', () => {
    const top = new TopK<string>(3);
    [['a', 1], ['b', 5], ['c', 3], ['d', 5], ['e', 0], ['f', 4], ['g', 5]].forEach(([item, score]) => top.offer(score as number, item as string));
    assert.deepEqual(top.sorted().map((x) => x.item), ['b', 'd', 'g']);
    assert.equal(top.accepts(5), false);
    assert.equal(top.accepts(6), true);
  });

  it('agrees with a full sort on random input', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const scores = Array.from({ length: 2000 }, () => Math.floor(random() * 50));
    const top = new TopK<number>(25);
    scores.forEach((s, i) => top.offer(s, i));
    const expected = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s || a.i - b.i).slice(0, 25).map((x) => x.i);
    assert.deepEqual(top.sorted().map((x) => x.item), expected);
    assert.deepEqual(new TopK<number>(0).sorted(), []);
  });
});

describe('search engine: segments', () => {
  it(`spreads more than ${MAX_SEGMENT_DOCS} papers over segments and finds papers in each`, () => {
    const papers = Array.from({ length: MAX_SEGMENT_DOCS + 5000 }, (_, i) => tinyPaper(i, `Paper number ${i} about ${i % 2 ? 'pruning' : 'routing'}`));
    papers[3].title = 'A unique zebrafish study';
    papers[MAX_SEGMENT_DOCS + 4000].title = 'Another zebrafish study';
    papers[MAX_SEGMENT_DOCS + 4999].title = 'The last quokka';
    const index = runToEnd(SearchIndex.build(papers));
    assert.equal(index.size, papers.length);
    assert.equal(index.segmentCount, 2);
    assert.deepEqual(index.search('zebrafish').map((h) => h.paper.key).sort(), ['p3', `p${MAX_SEGMENT_DOCS + 4000}`].sort());
    assert.deepEqual(index.search('quokka').map((h) => h.paper.key), [`p${MAX_SEGMENT_DOCS + 4999}`]);
    assert.equal(index.search('pruning', { limit: 50 }).length, 50);
    // The document frequency spans both segments: a word in every paper ranks every paper alike.
    const scores = new Set(index.search('paper', { limit: 50 }).map((h) => h.score.toFixed(6)));
    assert.ok(scores.size <= 3, `${scores.size} distinct scores`);
  });

  it('a batch of papers with more than 65,536 distinct words is indexed whole (term numbers past 16 bits)', () => {
    const word = (n: number) => `zq${Array.from({ length: 4 }, (_, d) => String.fromCharCode(97 + (Math.floor(n / 26 ** d) % 26))).join('')}`;
    const perPaper = 25_000;
    const papers = Array.from({ length: 3 }, (_, p) => ({ ...tinyPaper(p, `Vocabulary part ${p}`), abstract: Array.from({ length: perPaper }, (_, i) => word(p * perPaper + i)).join(' ') }));
    const index = runToEnd(SearchIndex.build(papers));
    assert.equal(index.segmentCount, 1);
    for (const n of [0, perPaper - 1, 2 * perPaper + 17, 3 * perPaper - 1]) {
      assert.deepEqual(index.search(word(n)).map((h) => h.paper.key), [`p${Math.floor(n / perPaper)}`], word(n));
    }
  });

  it('a word being typed that starts words in too many postings expands to its closest words; a small library keeps them all', () => {
    // 40 long "spectro..." words in each of 2,000 papers: 80,000 postings, past the prefix budget.
    const long = Array.from({ length: 40 }, (_, j) => `spectro${String.fromCharCode(97 + (j % 26))}${String.fromCharCode(97 + Math.floor(j / 26))}`);
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...tinyPaper(i, `Spin study ${i}`), abstract: long.join(' ') }));
    const rare = { ...tinyPaper(9001, 'On spectrophotometrically measured dyes'), key: 'rare' };
    const exact = { ...tinyPaper(9002, 'An sp hybrid orbital'), key: 'exact' };
    const keysFor = (index: SearchIndex, query: string) => new Set(index.search(query, { limit: 5000 }).map((h) => h.paper.key));
    const big = runToEnd(SearchIndex.build([...many, rare, exact]));
    const bigHits = keysFor(big, 'sp');
    // The word itself and the closest words count; the longest, rarest one does not until more of it is typed.
    assert.ok(bigHits.has('exact') && bigHits.has('p0') && bigHits.has('p1999'));
    assert.ok(!bigHits.has('rare'));
    assert.deepEqual([...keysFor(big, 'spectroph')], ['rare']);
    // The same papers in a small library: every word that starts "sp" counts.
    const small = runToEnd(SearchIndex.build([...many.slice(0, 100), rare, exact]));
    assert.ok(keysFor(small, 'sp').has('rare'));
  });

  it('an update re-indexes a paper changed by one character (the same length), and keeps an unchanged one made anew', () => {
    const papers = Array.from({ length: 50 }, (_, i) => ({ ...tinyPaper(i, `Kelp forest study ${i}`), abstract: `Urchin barrens number ${i}` }));
    const first = runToEnd(SearchIndex.build(papers));
    // A reload makes every paper anew: equal content, other objects.
    const again = papers.map((p) => ({ ...p, origin: { ...p.origin } }));
    again[7] = { ...again[7], abstract: 'Urchin barrenz number 7' };
    const second = runToEnd(first.update(again));
    assert.deepEqual(second.search('barrenz').map((h) => h.paper.key), ['p7']);
    assert.ok(!second.search('barrens', { limit: 100 }).some((h) => h.paper.key === 'p7'));
    assert.equal(second.search('barrens', { limit: 100 }).length, 49);
    assert.equal(second.get('p8'), again[8]);
  });

  it('many small updates are merged into few segments and answer like one build', () => {
    const papers = corpusPapers();
    const whole = runToEnd(SearchIndex.build(papers));
    let piecewise = SearchIndex.empty();
    for (let i = 5; i <= papers.length; i += 5) piecewise = runToEnd(piecewise.update(papers.slice(0, i)));
    assert.equal(piecewise.size, 75);
    assert.ok(piecewise.segmentCount <= 4, `${piecewise.segmentCount} segments`);
    for (const q of ['speculative decoding', 'KV cache', 'Alistarh', 'quantizaton', 'mixture of experts']) {
      const a = new Set(whole.search(q, { limit: 5 }).map((h) => h.paper.key));
      const b = piecewise.search(q, { limit: 5 }).map((h) => h.paper.key);
      assert.ok(a.size > 0 && b.filter((k) => a.has(k)).length >= Math.min(4, a.size), `${q}: ${[...a].join(',')} vs ${b.join(',')}`);
    }
    // Removed papers stay gone through merges.
    const kept = papers.filter((p) => p.key !== 'ashkboos2024slicegpt');
    piecewise = runToEnd(piecewise.update(kept));
    // Twenty papers edited one at a time: twenty small updates.
    for (let i = 0; i < 20; i++) {
      kept[i] = { ...kept[i], title: `${kept[i].title} (revised)` };
      piecewise = runToEnd(piecewise.update(kept));
    }
    assert.ok(piecewise.segmentCount <= 4, `${piecewise.segmentCount} segments`);
    assert.ok(!piecewise.search('SliceGPT').some((h) => h.paper.key === 'ashkboos2024slicegpt'));
    assert.equal(piecewise.size, 74);
  });
});

describe('saved library: papers as JSON lines', () => {
  const papers = corpusPapers();
  const header = { fingerprint: 'f1', problems: [{ source: 'a.bib', line: 3, severity: 'error' as const, message: 'bad' }], notes: [['k', 'file:///n.md']] as [string, string][], papers: papers.length, indexBytes: 42 };

  it('round-trips papers and header, in slices too', async () => {
    const bytes = runToEnd(encodeLibrary(header, papers));
    assert.deepEqual(readLibraryHeader(bytes), header);
    const decoded = runToEnd(decodeLibrary(bytes));
    assert.deepEqual(decoded.header, header);
    assert.deepEqual(decoded.papers, JSON.parse(JSON.stringify(papers)));
    const sliced = await runInSlices(decodeLibrary(bytes), 0);
    assert.deepEqual(sliced.papers.map((p) => p.key), papers.map((p) => p.key));
  });

  it('is the header and one line per paper (JSON, then its abstract after a tab), UTF-8, also when papers are far larger than their title and abstract', () => {
    const line = (paper: Paper) => {
      const { abstract, ...rest } = paper;
      return abstract === undefined ? `${JSON.stringify(paper)}\n` : `${JSON.stringify(rest)}\t${abstract}\n`;
    };
    const lines = (list: readonly Paper[]) => new TextEncoder().encode([`${JSON.stringify(header)}\n`, ...list.map(line)].join(''));
    assert.ok(papers.every((p) => p.abstract && !/[\\\n]/.test(p.abstract)), 'the corpus abstracts need no escapes');
    assert.deepEqual(runToEnd(encodeLibrary(header, papers)), lines(papers));
    // Every other paper with hundreds of authors named outside ASCII, and the buffer sized from a sample of
    // every second paper (600 papers, 256 measured) without them: far more bytes than it was sized for, so it grows.
    const authors = Array.from({ length: 300 }, (_, i) => ({ family: `Ødegård-Łukasiewicz ${i}`, given: 'Zoë 注意' }));
    const crowded = Array.from({ length: 600 }, (_, i) => ({ ...papers[i % papers.length], authors: i % 2 ? authors : [] }));
    assert.deepEqual(runToEnd(encodeLibrary(header, crowded)), lines(crowded));
  });

  it('keeps any abstract as it was: tabs, newlines, backslashes, LaTeX, text outside ASCII, none or empty', () => {
    const abstracts = ['a\tb\nc\\nd \\\\ e\\', '\n\n', '\\', '$\\alpha$ \\textbf{x}\r\n', 'Zoë 注意 😀\u2028', '', ' \t ', undefined];
    const odd = abstracts.map((abstract, i) => {
      const paper: Paper = { ...papers[i], title: `T\t${i}\\` };
      if (abstract === undefined) delete paper.abstract;
      else paper.abstract = abstract;
      return paper;
    });
    const decoded = runToEnd(decodeLibrary(runToEnd(encodeLibrary({ ...header, papers: odd.length }, odd)))).papers;
    assert.deepEqual(decoded, JSON.parse(JSON.stringify(odd)));
    assert.deepEqual(decoded.map((p) => p.abstract), abstracts);
  });

  it('is saved in files of a fixed number of papers, the first with the header, and read back from them', () => {
    const files = libraryFileCount(papers.length, 20);
    assert.equal(files, 4);
    const bytes = Array.from({ length: files }, (_, n) => runToEnd(encodeLibraryFile(header, papers, n, 20)));
    assert.deepEqual(readLibraryHeader(bytes[0]), { ...header, papers: 20, files: 4 });
    const decoded = runToEnd(decodeLibraryFiles(bytes[0], bytes.slice(1)));
    assert.deepEqual(decoded.papers, JSON.parse(JSON.stringify(papers)));
    // One file, as a library under PAPERS_PER_FILE papers is saved.
    assert.deepEqual(runToEnd(decodeLibraryFiles(runToEnd(encodeLibraryFile(header, papers, 0)), [])).papers.length, papers.length);
  });

  it('is read a file at a time, each file let go once decoded', () => {
    const bytes = Array.from({ length: 4 }, (_, n) => runToEnd(encodeLibraryFile(header, papers, n, 20)).slice());
    const decoder = new LibraryFilesDecoder();
    for (const file of bytes) {
      runToEnd(decoder.decode(file));
      release(file);
      assert.equal(file.length, 0, 'the file\'s bytes are gone');
    }
    assert.deepEqual(decoder.finish().papers, JSON.parse(JSON.stringify(papers)), 'the papers keep nothing of the files');
    const short = new LibraryFilesDecoder();
    runToEnd(short.decode(runToEnd(encodeLibraryFile(header, papers, 0, 20))));
    assert.throws(() => short.finish(), /1 of its 4 files/);
    assert.throws(() => new LibraryFilesDecoder().finish(), /0 of its 1 files/);
  });

  it('each file encoded into the buffer of the file before it gives the same bytes, from that buffer', () => {
    // Four files of the same papers under keys of one length: the same size each.
    const same = Array.from({ length: 80 }, (_, i) => ({ ...papers[i % 20], key: `key${String(i).padStart(3, '0')}` }));
    const fresh = Array.from({ length: 4 }, (_, n) => runToEnd(encodeLibraryFile(header, same, n, 20)));
    let buffer: Uint8Array | undefined;
    for (let n = 3; n >= 0; n--) {
      const bytes = runToEnd(encodeLibraryFile(header, same, n, 20, buffer));
      assert.deepEqual(bytes, fresh[n], `file ${n}`);
      // The first file has no buffer to reuse; the others, of its size, reuse its buffer.
      if (n < 3) assert.equal(bytes.buffer, buffer!.buffer, `file ${n} reuses the buffer`);
      buffer = new Uint8Array(bytes.buffer);
    }
    // A buffer too small for a file is not used.
    const small = new Uint8Array(16);
    assert.notEqual(runToEnd(encodeLibraryFile(header, same, 0, 20, small)).buffer, small.buffer);
  });

  it('a file written in pieces, each into the buffer of the piece before, has the same bytes as the file encoded whole', () => {
    let buffer: Uint8Array | undefined;
    let reused = 0;
    for (let n = 3; n >= 0; n--) {
      const pieces = libraryFilePieces(header, papers, n, 20, 6);
      assert.equal(pieces.count, 1 + Math.ceil(Math.min(20, papers.length - n * 20) / 6), 'the header line, then the papers in pieces of 6');
      const written: number[] = [];
      for (let i = 0; i < pieces.count; i++) {
        const bytes = runToEnd(pieces.piece(i, buffer));
        if (buffer && bytes.buffer === buffer.buffer) reused++;
        // Copied before the next piece is made in the same buffer, as a writer writes it first.
        written.push(...bytes);
        buffer = new Uint8Array(bytes.buffer);
      }
      assert.deepEqual(Uint8Array.from(written), runToEnd(encodeLibraryFile(header, papers, n, 20)), `file ${n}`);
    }
    assert.ok(reused >= 10, `${reused} pieces made in the buffer before`);
  });

  it('refuses saved files that are missing, out of order or from another save', () => {
    const bytes = Array.from({ length: 4 }, (_, n) => runToEnd(encodeLibraryFile(header, papers, n, 20)));
    const other = runToEnd(encodeLibraryFile({ ...header, fingerprint: 'f2' }, papers, 2, 20));
    assert.throws(() => runToEnd(decodeLibraryFiles(bytes[0], bytes.slice(1, 3))), /3 of its 4 files/);
    assert.throws(() => runToEnd(decodeLibraryFiles(bytes[0], [bytes[2], bytes[1], bytes[3]])), /another save/);
    assert.throws(() => runToEnd(decodeLibraryFiles(bytes[0], [bytes[1], other, bytes[3]])), /another save/);
  });

  it('an empty library round-trips', () => {
    const bytes = runToEnd(encodeLibrary({ ...header, papers: 0 }, []));
    assert.deepEqual(runToEnd(decodeLibrary(bytes)).papers, []);
  });

  it('refuses foreign, truncated or damaged files', () => {
    const bytes = runToEnd(encodeLibrary(header, papers));
    assert.equal(readLibraryHeader(new TextEncoder().encode('hello\nworld')), undefined);
    assert.equal(readLibraryHeader(new Uint8Array()), undefined);
    assert.throws(() => runToEnd(decodeLibrary(new TextEncoder().encode('[1,2]\n'))), /not a saved LitNotes library/);
    // Cut at a line end: a paper is missing.
    const cut = bytes.lastIndexOf(10, bytes.length - 2) + 1;
    assert.throws(() => runToEnd(decodeLibrary(bytes.subarray(0, cut))), /74 of its 75/);
    // Cut inside a line: inside the last abstract, or inside the JSON.
    assert.throws(() => runToEnd(decodeLibrary(bytes.subarray(0, bytes.length - 30))), /cut short inside a line/);
    const jsonEnd = bytes.lastIndexOf(9);
    assert.throws(() => runToEnd(decodeLibrary(new Uint8Array([...bytes.subarray(0, jsonEnd - 5), 10]))), SyntaxError);
  });
});
