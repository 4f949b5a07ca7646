import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isChromeLine, loadEmbeddedCorpus, parseCorpusText } from '../../src/core/sources/corpus';
import { mergeCorpusMetadata } from '../../src/core/sources/corpusMetadata';
import { cleanCorpusText, findCodeUrl } from '../../src/core/sources/corpusText';
import type { DraftPaper } from '../../src/core/model';

const corpusDir = join(process.cwd(), 'media', 'corpus');
const text = readFileSync(join(corpusDir, 'efficient-llm-papers.txt'), 'utf8');
const metadata = readFileSync(join(corpusDir, 'papers-metadata.json'), 'utf8');

function byTitle(papers: DraftPaper[], start: string): DraftPaper {
  const p = papers.find((x) => x.title.startsWith(start));
  assert.ok(p, `no paper titled "${start}..."`);
  return p;
}

describe('corpus: parseCorpusText on the embedded corpus', () => {
  const { papers, problems } = parseCorpusText(text, 'papers.txt');

  it('reads all 75 papers without problems', () => {
    assert.equal(papers.length, 75);
    assert.deepEqual(problems, []);
  });

  it('skips the page chrome', () => {
    const chrome = ['new', 'Get trending papers in your email inbox!', 'Subscribe', 'byAK and the research community', 'Jun 17'];
    for (const p of papers) {
      assert.ok(!chrome.includes(p.title), `chrome line "${p.title}" became a paper`);
      assert.ok(!chrome.some((c) => p.abstract === c));
    }
  });

  it('keeps the first and last titles exactly', () => {
    assert.equal(papers[0].title, 'Training Long-Context LLMs Efficiently via Chunk-wise Optimization');
    assert.equal(papers[74].title, 'From GaLore to WeLore: How Low-Rank Weights Non-uniformly Emerge from Low-Rank Gradients');
  });

  it('gives every paper an abstract, a line number and a corpus origin', () => {
    for (const p of papers) {
      assert.ok(p.abstract && p.abstract.length > 500, p.title);
      assert.equal(p.origin.kind, 'corpus');
      assert.equal(p.origin.source, 'papers.txt');
      assert.ok(typeof p.origin.line === 'number' && p.origin.line > 0);
    }
    assert.equal(papers[0].origin.line, 11);
    const lines = text.split('\n');
    for (const p of papers) assert.equal(lines[p.origin.line! - 1].trim(), p.title.replace('S²FT', 'S^{2}FT').replace('D²MoE', 'D^{2}MoE'));
  });

  it('leaves no LaTeX or listing-page artifacts in titles and abstracts', () => {
    for (const p of papers) {
      const all = `${p.title} ${p.abstract}`;
      assert.doesNotMatch(all, /\\[a-z%]|\{|\}|\dtimes\b|\bsim\d|\bOleft|dright\)|\^\{/, p.title);
    }
  });

  it('extracts the code link from the abstract', () => {
    assert.equal(papers[0].codeUrl, 'https://github.com/wenhaoli-xmu/seco');
    assert.equal(byTitle(papers, 'SliceGPT').codeUrl, 'https://github.com/microsoft/TransformerCompression');
    assert.equal(byTitle(papers, 'Revisiting Zeroth-Order').codeUrl, 'https://github.com/ZO-Bench/ZO-LLM');
    assert.equal(byTitle(papers, 'A Survey on Inference Optimization').codeUrl, 'https://github.com/MoE-Inf/awesome-moe-inference');
    // Two repositories: the first one is the code link.
    assert.equal(byTitle(papers, 'Scaling Sparse Fine-Tuning').codeUrl, 'https://github.com/AlanAnsell/peft');
    // A project page and a short link are not code repositories.
    assert.equal(byTitle(papers, 'Predictable Scale').codeUrl, undefined);
    assert.equal(byTitle(papers, 'SCBench').codeUrl, undefined);
    assert.equal(byTitle(papers, 'Sparse MeZO').codeUrl, undefined);
    assert.equal(papers.filter((p) => p.codeUrl).length, 24);
  });

  it('cleans the artifacts of specific abstracts', () => {
    assert.match(papers[0].abstract!, /open-sourced the code at https:\/\/github\.com\/wenhaoli-xmu\/seco\.$/);
    const s2ft = byTitle(papers, 'S²FT');
    assert.equal(s2ft.title, 'S²FT: Efficient, Scalable and Generalizable LLM Fine-tuning by Structured Sparsity');
    assert.match(s2ft.abstract!, /saves training memory up to 3× and improves latency by 1\.5-2\.7× compared to full FT/);
    assert.match(byTitle(papers, 'Post-Training Sparse Attention').abstract!, /achieve 1\/16 token and channel sparsity/);
    assert.match(byTitle(papers, 'Efficient Content-Based Sparse Attention').abstract!, /to O\(n\^1\.5 d\) from O\(n²d\) for sequence length n/);
    assert.match(byTitle(papers, 'HiP Attention').abstract!, /from O\(T²\) to O\(T log T\)/);
    assert.match(byTitle(papers, 'Symbolic Discovery').abstract!, /Lion \(EvoLved Sign Momentum\)/);
    assert.match(byTitle(papers, 'PAT:').abstract!, /25% pruning ratio achieves 1\.33× speedup/);
    assert.match(byTitle(papers, 'Compressing LLMs').abstract!, /even at ≥ 50% sparsity/);
    const d2 = byTitle(papers, 'D²MoE');
    assert.match(d2.abstract!, /propose the D²MoE, an algorithm-system/);
  });

  it('cleans the sim and escaped-percent artifacts', () => {
    const p = papers.find((x) => x.abstract!.includes('low-sparsity regions'))!;
    assert.match(p.abstract!, /low-sparsity regions \(~50%\)/);
    assert.match(p.abstract!, /\(>80%\)/);
  });
});

describe('corpus: cleanCorpusText', () => {
  const cases: [string, string][] = [
    ['at https://github.com/x/y{here}.', 'at https://github.com/x/y.'],
    ['up to 3times faster', 'up to 3× faster'],
    ['by 1.5-2.7times', 'by 1.5-2.7×'],
    ['regions (sim50\\%)', 'regions (~50%)'],
    ['a 9\\% gain', 'a 9% gain'],
    ['achieve 1{16} sparsity', 'achieve 1/16 sparsity'],
    ['to Oleft(n^{1.5}dright) from Oleft(n^2dright)', 'to O(n^1.5 d) from O(n²d)'],
    ['S^{2}FT and D^2MoE', 'S²FT and D²MoE'],
    ['Lion (Evo\\textbf{Lved Sign Momentum})', 'Lion (EvoLved Sign Momentum)'],
    ['Evo\\textbfLved', 'EvoLved'],
    ['as LLMs grow {in size}, the', 'as LLMs grow in size, the'],
    ['at geq 50% sparsity', 'at ≥ 50% sparsity'],
    ['\\frac{1}{2} of it', '1/2 of it'],
    // Prose must survive.
    ['four times larger, 2 to 10 times faster', 'four times larger, 2 to 10 times faster'],
    ['a simple left (or right) turn', 'a simple left (or right) turn'],
    ['2.97~25.22x', '2.97~25.22x'],
    ['  spaced\n  out  ', 'spaced out'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(cleanCorpusText(input), expected);
    });
  }

  it('finds only GitHub, GitLab and Hugging Face links as code, without trailing punctuation', () => {
    assert.equal(findCodeUrl('See https://example.org/a and https://gitlab.com/g/p).'), 'https://gitlab.com/g/p');
    assert.equal(findCodeUrl('Weights: https://huggingface.co/org/model, code soon.'), 'https://huggingface.co/org/model');
    assert.equal(findCodeUrl('Page: https://step-law.github.io/'), undefined);
    assert.equal(findCodeUrl('no links'), undefined);
  });
});

describe('corpus: parseCorpusText on user-written text', () => {
  it('does not drop leading papers when there is no chrome', () => {
    const r = parseCorpusText('First Title\n\nFirst abstract. It has sentences.\n\nSecond Title\n\nSecond abstract.', 'mine.txt');
    assert.deepEqual(r.papers.map((p) => p.title), ['First Title', 'Second Title']);
    assert.deepEqual(r.papers.map((p) => p.origin.line), [1, 5]);
    assert.deepEqual(r.problems, []);
  });

  it('recognises chrome lines but not titles', () => {
    assert.ok(isChromeLine('Jun 17'));
    assert.ok(isChromeLine('Subscribe'));
    assert.ok(isChromeLine('2024-06-17'));
    assert.ok(!isChromeLine('New Directions in Sparse Attention'));
  });

  it('keeps an odd final title without an abstract and warns', () => {
    const r = parseCorpusText('Jun 17\n\nA Title\n\nAn abstract.\n\nDangling Title\n', 'mine.txt');
    assert.equal(r.papers.length, 2);
    assert.equal(r.papers[1].title, 'Dangling Title');
    assert.equal(r.papers[1].abstract, undefined);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'warning');
    assert.equal(r.problems[0].line, 7);
  });

  it('keeps alignment when a title in the middle has no abstract', () => {
    const long = 'This abstract is long enough to read as one. '.repeat(8);
    const r = parseCorpusText(`One\n\n${long}\n\nTwo Without Abstract\n\nThree\n\n${long}`, 'mine.txt');
    assert.deepEqual(r.papers.map((p) => p.title), ['One', 'Two Without Abstract', 'Three']);
    assert.equal(r.papers[1].abstract, undefined);
    assert.equal(r.problems.filter((p) => p.severity === 'warning').length, 1);
  });

  it('joins wrapped lines and handles CRLF and a byte-order mark', () => {
    const r = parseCorpusText('\uFEFFTitle\r\n\r\nLine one\r\nline two.\r\n', 'crlf.txt');
    assert.equal(r.papers[0].title, 'Title');
    assert.equal(r.papers[0].abstract, 'Line one line two.');
  });

  it('returns nothing for empty text', () => {
    assert.deepEqual(parseCorpusText('', 'empty.txt'), { papers: [], problems: [] });
  });
});

describe('corpus: metadata', () => {
  const { papers, problems } = loadEmbeddedCorpus(text, metadata);

  it('merges every entry without problems', () => {
    assert.equal(papers.length, 75);
    assert.deepEqual(problems, []);
  });

  it('attaches authors, year, venue, arXiv id and URL', () => {
    const first = papers[0];
    assert.deepEqual(first.authors.map((a) => a.family), ['Li', 'Zhang', 'Luo', 'Yu', 'Ji']);
    assert.deepEqual(first.authors[0], { family: 'Li', given: 'Wenhao' });
    assert.equal(first.arxiv, '2505.16710');
    assert.equal(first.url, 'https://arxiv.org/abs/2505.16710');
    assert.equal(first.year, 2025);
    assert.equal(first.venue, 'Findings of ACL 2025');
    for (const p of papers) assert.ok(p.authors.length > 0, p.title);
  });

  it('leaves null fields absent instead of guessing', () => {
    const sharing = byTitle(papers, 'In defense of parameter sharing');
    assert.equal(sharing.arxiv, undefined);
    assert.equal(sharing.url, undefined);
    assert.ok(!('arxiv' in sharing) && !('url' in sharing));
    assert.equal(sharing.year, 2023);
    assert.equal(sharing.authors[0].family, 'Desai');
    const seqPar = byTitle(papers, 'Data-Centric and Heterogeneity-Adaptive');
    assert.ok(!('venue' in seqPar));
    assert.ok(seqPar.arxiv);
  });

  it('matches the S²FT title although the metadata keeps the raw S^{2}FT', () => {
    assert.ok(byTitle(papers, 'S²FT').arxiv);
  });

  it('matches by title when the order differs, and reports it', () => {
    const parsed = parseCorpusText(text, 'p.txt').papers;
    const entries = JSON.parse(metadata) as unknown[];
    const swapped = [entries[1], entries[0], ...entries.slice(2)];
    const r = mergeCorpusMetadata(parsed, JSON.stringify(swapped), 'm.json');
    assert.equal(r.papers[0].arxiv, '2505.16710');
    assert.equal(r.problems.length, 2);
    assert.ok(r.problems.every((p) => p.severity === 'info'));
  });

  it('falls back to position for a changed title and warns', () => {
    const parsed = parseCorpusText(text, 'p.txt').papers;
    const entries = JSON.parse(metadata) as { title: string }[];
    entries[3] = { ...entries[3], title: 'A Different Title' };
    const r = mergeCorpusMetadata(parsed, JSON.stringify(entries), 'm.json');
    assert.equal(r.papers[3].arxiv, '2412.17560');
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'warning');
    assert.match(r.problems[0].message, /by position/);
  });

  it('reports bad JSON and keeps the papers', () => {
    const parsed = parseCorpusText(text, 'p.txt').papers;
    const r = mergeCorpusMetadata(parsed, '[{ not json', 'm.json');
    assert.equal(r.papers.length, 75);
    assert.equal(r.papers[0].authors.length, 0);
    assert.equal(r.problems[0].severity, 'error');
    assert.equal(r.problems[0].source, 'm.json');
  });

  it('reports wrong field types and unmatched entries without throwing', () => {
    const parsed = parseCorpusText('T1\n\nA1.\n\nT2\n\nA2.', 'p.txt').papers;
    const meta = [
      { title: 'T1', year: 'soon', authors: [{ given: 'No Family' }, { family: 'Ok' }], venue: 7, arxiv: null },
      'not an object',
      { title: 'Extra', year: 2020 },
    ];
    const r = mergeCorpusMetadata(parsed, JSON.stringify(meta), 'm.json');
    assert.deepEqual(r.papers[0].authors, [{ family: 'Ok' }]);
    assert.equal(r.papers[0].year, undefined);
    assert.equal(r.papers[0].venue, undefined);
    assert.ok(r.problems.length >= 5);
    assert.ok(r.problems.some((p) => /matches no paper/.test(p.message)));
    assert.ok(r.problems.some((p) => /No metadata for "T2"/.test(p.message)));
  });

  it('does not change the papers it was given', () => {
    const parsed = parseCorpusText(text, 'p.txt').papers;
    mergeCorpusMetadata(parsed, metadata, 'm.json');
    assert.equal(parsed[0].authors.length, 0);
    assert.equal(parsed[0].year, undefined);
  });
});
