import * as assert from 'node:assert/strict';
import { scanBibBlockSteps } from '../../src/core/sources/bibScanner';
import { parseBibtexSteps } from '../../src/core/sources/bibtex';
import { GrowingBatches, runInSlices, runToEnd } from '../../src/core/slices';

const SRC = 'library.bib';

function only<T>(items: T[]): T {
  assert.equal(items.length, 1, `expected exactly one item, got ${items.length}`);
  return items[0];
}

describe('parseBibtex', () => {
  it('reads a plain article into a draft paper with its line', () => {
    const text = [
      '% my library',
      '',
      '@article{smith2020,',
      '  title = {Sparse Attention at Scale},',
      '  author = {Smith, Ann and Bob Jones and {OpenAI Team}},',
      '  journal = {Journal of Things},',
      '  year = {2020},',
      '  doi = {https://doi.org/10.1000/xyz},',
      '  url = {https://example.org/paper},',
      '  abstract = {We study things.},',
      '  file = {papers/smith.pdf},',
      '  keywords = {attention, sparsity; scale}',
      '}',
    ].join('\n');
    const { papers, problems } = runToEnd(parseBibtexSteps(text, SRC));
    assert.deepEqual(problems, []);
    assert.deepEqual(only(papers), {
      key: 'smith2020',
      title: 'Sparse Attention at Scale',
      authors: [{ family: 'Smith', given: 'Ann' }, { family: 'Jones', given: 'Bob' }, { family: 'OpenAI Team' }],
      year: 2020,
      venue: 'Journal of Things',
      doi: '10.1000/xyz',
      url: 'https://example.org/paper',
      abstract: 'We study things.',
      file: 'papers/smith.pdf',
      keywords: ['attention', 'sparsity', 'scale'],
      type: 'article',
      origin: { source: SRC, kind: 'bibtex', line: 3 },
    });
  });

  it('resolves @string macros, also with # concatenation', () => {
    const text = '@string{jt = "Journal of Things"}\n@STRING(vol = "Vol. ")\n@article{a, title = {A}, journal = jt # { } # vol # "2", year = 2001}';
    const paper = only(runToEnd(parseBibtexSteps(text, SRC)).papers);
    assert.equal(paper.venue, 'Journal of Things Vol. 2');
    assert.equal(paper.year, 2001);
  });

  it('resolves macros in the per-entry fallback too, when another entry is broken', () => {
    const text = '@string{jt = "Journal of Things"}\n@article{bad, title = {x} author = {y}}\n@article{good, title = {Good}, journal = jt}';
    const { papers, problems } = runToEnd(parseBibtexSteps(text, SRC));
    assert.equal(only(papers).venue, 'Journal of Things');
    assert.equal(only(problems).line, 2);
  });

  it('inherits fields through crossref', () => {
    const text = [
      '@inproceedings{child, title = {Child Paper}, author = {Ann Smith}, crossref = {proc}}',
      '@proceedings{proc, title = {Proceedings of Things}, booktitle = {Proceedings of Things}, year = 2019, publisher = {ACM}}',
    ].join('\n');
    const { papers } = runToEnd(parseBibtexSteps(text, SRC));
    const child = papers.find((p) => p.key === 'child');
    assert.ok(child);
    assert.equal(child.year, 2019);
    assert.equal(child.venue, 'Proceedings of Things');
  });

  it('inherits through crossref chains across batches, whichever comes first in the file', () => {
    const filler = Array.from({ length: 1200 }, (_, i) => `@article{f${i}, title = {Filler ${i}}, author = {A. Author}, year = 2000}`);
    const text = [
      '@inproceedings{early, title = {Early Child}, author = {Ann Smith}, crossref = {proc}}',
      ...filler.slice(0, 600),
      '@proceedings{proc, title = {Proceedings of Things}, booktitle = {Proceedings of Things}, crossref = {series}}',
      ...filler.slice(600),
      '@inproceedings{late, title = {Late Child}, author = {Bo Li}, crossref = {proc}}',
      '@mvproceedings{series, title = {Series of Things}, year = 2019, publisher = {ACM}}',
    ].join('\n');
    const { papers, problems } = runToEnd(parseBibtexSteps(text, SRC));
    assert.equal(papers.length, 1204);
    assert.deepEqual(problems, []);
    // The same four entries in one small file (one batch) must read the same.
    const small = runToEnd(parseBibtexSteps([0, 601, 1202, 1203].map((i) => text.split('\n')[i]).join('\n'), SRC)).papers;
    for (const key of ['early', 'late', 'proc', 'series']) {
      const strip = (p?: { origin: unknown }) => p && { ...p, origin: undefined };
      assert.deepEqual(strip(papers.find((p) => p.key === key)), strip(small.find((p) => p.key === key)), key);
    }
    for (const key of ['early', 'late']) {
      const child = papers.find((p) => p.key === key);
      assert.equal(child?.year, 2019, `${key} inherits the year from the series, two steps up`);
      assert.ok(child?.venue, `${key} inherits a venue`);
    }
  });

  it('inherits from a parent read runs before its child, and from the first entry of a repeated parent key', () => {
    const filler = Array.from({ length: 1200 }, (_, i) => `@article{f${i}, title = {Filler ${i}}, author = {A. Author}, year = 2000}`);
    const text = [
      '@string{pub = "ACM Press"}',
      '@proceedings{proc, title = {Proceedings of Things}, booktitle = {Proceedings of Things}, year = 2019, publisher = pub}',
      ...filler,
      '@proceedings{proc, title = {A Repeat}, year = 1999}',
      '@inproceedings{child, title = {Child Paper}, author = {Ann Smith}, crossref = {proc}}',
    ].join('\n');
    const { papers, problems } = runToEnd(parseBibtexSteps(text, SRC));
    assert.equal(papers.length, 1202);
    const child = papers.find((p) => p.key === 'child');
    assert.equal(child?.year, 2019);
    assert.equal(child?.venue, 'Proceedings of Things');
    assert.deepEqual(problems.map((p) => p.line), [1203], 'the repeated key is reported at its line');
  });

  it('hands papers over while the rest of a large file is still to be read', () => {
    // Reading the whole file first would take a step per run of 500 entries (24 here) before any paper is made.
    const text = Array.from({ length: 12000 }, (_, i) => `@article{k${i}, title = {Paper ${i}}, year = 2001}`).join('\n');
    let handed = 0;
    let stepsAtFirst = -1;
    let steps = 0;
    const parse = parseBibtexSteps(text, SRC, { onPapers: (papers) => {
      if (handed === 0) stepsAtFirst = steps;
      handed += papers.length;
    } });
    while (!parse.next().done) steps++;
    assert.equal(handed, 12000);
    assert.ok(stepsAtFirst >= 0 && stepsAtFirst < 24, `first papers after ${stepsAtFirst} of ${steps} steps`);
  });

  it('reads a large file in steps that give the same result, with broken entries in several batches', async () => {
    const entries = Array.from({ length: 2000 }, (_, i) => (i % 450 === 7 ? `@article{bad${i}, title = {Broken ${i}} year = 2001}` : `@article{k${i}, title = {Paper ${i}}, year = ${1990 + (i % 30)}}`));
    const text = ['@string{acm = "ACM Press"}', ...entries, '@article{last, title = {Last}, publisher = acm}'].join('\n');
    const whole = runToEnd(parseBibtexSteps(text, SRC));
    let steps = 0;
    const sliced = await runInSlices(parseBibtexSteps(text, SRC), 0, () => steps++);
    assert.deepEqual(sliced, whole);
    assert.ok(steps > 10, `${steps} slices`);
    assert.equal(whole.papers.length, 1995 + 1);
    const last = whole.papers[whole.papers.length - 1];
    assert.equal(last.key, 'last');
    assert.match(JSON.stringify(last), /ACM Press/, 'the macro defined at the top resolves in the last batch');
    assert.deepEqual(whole.problems.map((p) => p.line), [9, 459, 909, 1359, 1809]);
  });

  it('turns LaTeX accents and commands into Unicode, and drops the HTML citation-js adds', () => {
    const text = String.raw`@article{x, title = {{\"U}ber {\"u} caf\'e Stra\ss e \textbf{bold} \emph{em} x\textsuperscript{2} {NASA}}, author = {M{\"u}ller, J\"org}}`;
    const paper = only(runToEnd(parseBibtexSteps(text, SRC)).papers);
    assert.equal(paper.title, 'Über ü café Straße bold em x2 NASA');
    assert.deepEqual(paper.authors, [{ family: 'Müller', given: 'Jörg' }]);
  });

  it('keeps both neighbours of an entry with a missing comma and reports that entry\'s line', () => {
    const text = [
      '@article{first, title = {First}, year = 2001}',
      '',
      '@article{middle,',
      '  title = {Middle}',
      '  author = {Someone}',
      '}',
      '',
      '@article{last, title = {Last}, year = 2003}',
    ].join('\n');
    const { papers, problems } = runToEnd(parseBibtexSteps(text, SRC));
    assert.deepEqual(papers.map((p) => p.key), ['first', 'last']);
    assert.deepEqual(papers.map((p) => p.origin.line), [1, 8]);
    const problem = only(problems);
    assert.equal(problem.severity, 'error');
    assert.equal(problem.line, 3);
    assert.match(problem.message, /middle/);
    assert.match(problem.message, /line 5/);
    assert.match(problem.message, /comma/);
    assert.doesNotMatch(problem.message, /\n/);
  });

  it('reports an unclosed entry without swallowing the entries after it', () => {
    const text = '@article{open, title = {Open}\n@article{next, title = {Next}}\n';
    const { papers, problems } = runToEnd(parseBibtexSteps(text, SRC));
    assert.deepEqual(papers.map((p) => p.key), ['next']);
    assert.equal(only(problems).line, 1);
    assert.match(problems[0].message, /not closed/);
  });

  it('keeps the first of two entries with the same key and warns at the second', () => {
    const text = '@article{dup, title = {One}}\n\n@book{dup, title = {Two}}\n';
    const { papers, problems } = runToEnd(parseBibtexSteps(text, SRC));
    assert.equal(only(papers).title, 'One');
    const problem = only(problems);
    assert.equal(problem.severity, 'warning');
    assert.equal(problem.line, 3);
    assert.match(problem.message, /Duplicate key "dup".*line 1/);
  });

  it('keeps an entry without a title, with a warning', () => {
    const { papers, problems } = runToEnd(parseBibtexSteps('@misc{untitled, author = {Ann Smith}}', SRC));
    assert.equal(only(papers).title, '');
    assert.equal(only(problems).severity, 'warning');
    assert.match(problems[0].message, /no title/);
  });

  it('handles CRLF line ends with the same lines as LF', () => {
    const lf = '@article{a, title = {A}}\n\n@article{b,\n  title = {B}\n  year = 2\n}\n@article{c, title = {C}}\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = runToEnd(parseBibtexSteps(lf, SRC));
    const b = runToEnd(parseBibtexSteps(crlf, SRC));
    assert.deepEqual(b, a);
    assert.deepEqual(b.papers.map((p) => p.origin.line), [1, 7]);
    assert.equal(only(b.problems).line, 3);
  });

  it('ignores a UTF-8 byte order mark', () => {
    const paper = only(runToEnd(parseBibtexSteps('\uFEFF@article{bom, title = {Bom}}', SRC)).papers);
    assert.equal(paper.key, 'bom');
  });

  it('reads an empty or whitespace-only file as no papers and no problems', () => {
    assert.deepEqual(runToEnd(parseBibtexSteps('', SRC)), { papers: [], problems: [] });
    assert.deepEqual(runToEnd(parseBibtexSteps('  \n\n% only a comment\n', SRC)), { papers: [], problems: [] });
  });

  it('drops NUL bytes with a warning and still reads the entries', () => {
    const { papers, problems } = runToEnd(parseBibtexSteps('@article{n, title = {N\0ul}}\n', SRC));
    assert.equal(only(papers).title, 'Nul');
    assert.equal(only(problems).severity, 'warning');
    assert.match(problems[0].message, /NUL/);
  });

  it('does not treat @comment, @preamble or @string as papers, nor entries inside @comment or %-lines', () => {
    const text = [
      '@comment{ @article{hidden, title = {Hidden}} }',
      '@preamble{ "\\newcommand{\\x}{y}" }',
      '@string{s = "S"}',
      '% @article{commented, title = {Commented}}',
      '@article{shown, title = {Shown}}',
    ].join('\n');
    const { papers, problems } = runToEnd(parseBibtexSteps(text, SRC));
    assert.deepEqual(papers.map((p) => p.key), ['shown']);
    assert.deepEqual(problems, []);
  });

  it('reads parenthesised entries', () => {
    const paper = only(runToEnd(parseBibtexSteps('@article(paren, title = {Paren (with) parts}, year = 1999)', SRC)).papers);
    assert.equal(paper.title, 'Paren (with) parts');
    assert.equal(paper.year, 1999);
  });

  it('finds arXiv ids in eprint, URLs, DOIs and Google Scholar journals', () => {
    const text = [
      '@article{e1, title = {T}, eprint = {2101.00001v2}, archivePrefix = {arXiv}}',
      '@article{e2, title = {T}, eprint = {hep-th/9901001}, eprinttype = {arxiv}}',
      '@article{e3, title = {T}, url = {https://arxiv.org/abs/1706.03762}}',
      '@article{e4, title = {T}, doi = {10.48550/arXiv.2305.14314}}',
      '@article{e5, title = {T}, journal = {arXiv preprint arXiv:2106.09685}}',
      '@article{e6, title = {T}, eprint = {123}, eprinttype = {pubmed}}',
    ].join('\n');
    const { papers } = runToEnd(parseBibtexSteps(text, SRC));
    assert.deepEqual(
      papers.map((p) => p.arxiv),
      ['2101.00001', 'hep-th/9901001', '1706.03762', '2305.14314', '2106.09685', undefined],
    );
  });

  it('drops the trailing "and others" from authors', () => {
    const paper = only(runToEnd(parseBibtexSteps('@article{o, title = {T}, author = {Ann Smith and others}}', SRC)).papers);
    assert.deepEqual(paper.authors, [{ family: 'Smith', given: 'Ann' }]);
  });

  it('keeps an entry whose one field the converter rejects, without that field', () => {
    const { papers, problems } = runToEnd(parseBibtexSteps('@online{d, title = {Dated}, urldate = {/1034}, year = 2000}', SRC));
    assert.equal(only(papers).year, 2000);
    assert.equal(only(problems).severity, 'warning');
    assert.match(problems[0].message, /urldate/);
  });

  it('never throws on junk', () => {
    for (const junk of ['@', '@@@', '@article{', '@article{,}', '}}}{{{', '@string{x = }', '@article{a, title = "unclosed}', '\0\0', '@comment']) {
      const r = runToEnd(parseBibtexSteps(junk, SRC));
      assert.ok(Array.isArray(r.papers) && Array.isArray(r.problems), junk);
    }
    // Not even for values that are not strings at all.
    assert.doesNotThrow(() => runToEnd(parseBibtexSteps(undefined as unknown as string, SRC)));
  });
});

describe('scanBibBlocks', () => {
  it('splits top-level blocks with their types, keys and first lines', () => {
    const blocks = runToEnd(scanBibBlockSteps('junk\n@string{a = "b"}\n\n@Article{k1,\n title = {x {y} \\} z}\n}\n@misc(k2, note = "a)b")\n'));
    assert.deepEqual(
      blocks.map((b) => [b.type, b.label, b.line, !!b.unterminated]),
      [
        ['string', undefined, 2, false],
        ['article', 'k1', 4, false],
        ['misc', 'k2', 7, false],
      ],
    );
  });

  it('ends a step every 128K characters, however few blocks they hold (a window of long entries is not one long step)', () => {
    const entry = (i: number) => `@misc{k${i},\n  abstract = {${'word '.repeat(2_000)}}\n}\n`;
    const text = Array.from({ length: 60 }, (_, i) => entry(i)).join('');
    const steps = scanBibBlockSteps(text);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    assert.equal(step.value.length, 60);
    assert.ok(yields >= Math.floor(text.length / (1 << 17)), `${yields} steps over ${text.length} characters`);
  });
});

describe('reading entries in growing batches', () => {
  it('hands the first entries over in small batches, then larger ones, and reads every entry once in order', () => {
    const text = Array.from({ length: 700 }, (_, i) => `@misc{k${i}, title = {Title ${i}}}`).join('\n');
    const sizes: number[] = [];
    const keys: string[] = [];
    runToEnd(parseBibtexSteps(text, 'growing.bib', { onPapers: (batch) => {
      sizes.push(batch.length);
      for (const paper of batch) keys.push(paper.key ?? '');
    } }));
    assert.deepEqual(keys, Array.from({ length: 700 }, (_, i) => `k${i}`));
    // The first parser call reads 25 blocks and maps them 10 at a time; later calls read and map more at once.
    assert.deepEqual(sizes.slice(0, 3), [10, 15, 10]);
    assert.ok(Math.max(...sizes) === 100, sizes.join(','));
  });
});

describe('GrowingBatches', () => {
  it('doubles from the first size up to the largest', () => {
    const batches = new GrowingBatches(25, 500);
    assert.deepEqual(Array.from({ length: 7 }, () => batches.next()), [25, 50, 100, 200, 400, 500, 500]);
  });
});
