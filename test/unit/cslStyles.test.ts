/**
 * Formatted references: every shipped CSL style on real entries (the biblatex
 * example bibliography, test/fixtures/bib/biblatex) of each kind: a book, a
 * journal article, a conference paper, an arXiv preprint and a thesis. The
 * expected strings follow each style's published rules (see the comment per
 * style); `wellFormed` checks every output independently of them.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Paper } from '../../src/core/model';
import { CslStyleError, renderReferences, type ReferenceFormat } from '../../src/core/csl/render';
import { SHIPPED_LOCALES, SHIPPED_STYLES } from '../../src/core/csl/styles';
import { runToEnd } from '../../src/core/slices';
import { parseBibtexSteps } from '../../src/core/sources/bibtex';

const CSL_DIR = join(process.cwd(), 'media', 'csl');
const style = (id: string) => readFileSync(join(CSL_DIR, 'styles', `${id}.csl`), 'utf8');
const LOCALES = Object.fromEntries(SHIPPED_LOCALES.map((l) => [l, readFileSync(join(CSL_DIR, 'locales', `locales-${l}.xml`), 'utf8')]));

const BIB = join(process.cwd(), 'test', 'fixtures', 'bib', 'biblatex', 'biblatex-examples.bib');
const examples = new Map(runToEnd(parseBibtexSteps(readFileSync(BIB, 'utf8'), 'biblatex-examples.bib')).papers.map((p) => [p.key as string, p as Paper]));
function entry(key: string): Paper {
  const paper = examples.get(key);
  assert.ok(paper, `${key} is in biblatex-examples.bib`);
  return { ...paper, topics: [] };
}

/** Book, journal article, conference paper, arXiv preprint, thesis. */
const KINDS = { book: 'knuth:ct:a', article: 'aksin', conference: 'moraux', preprint: 'itzhaki', thesis: 'geer' } as const;

function render(id: string, papers: Paper[], format: ReferenceFormat = 'text', lang = 'en-US'): string[] {
  return renderReferences(papers, { style: style(id), lang, locales: LOCALES, format });
}

/** What every reference must hold, whatever the style: the family names (or the first), the year, words of the title, no markup. */
function wellFormed(paper: Paper, text: string): void {
  assert.ok(text.includes(paper.authors[0].family.replace(/^de /, '')), `first author of ${paper.key} in: ${text}`);
  if (paper.year) assert.ok(text.includes(String(paper.year)), `year of ${paper.key} in: ${text}`);
  const titleWord = paper.title.split(/\s+/).find((w) => w.length > 5) as string;
  assert.ok(text.toLowerCase().includes(titleWord.toLowerCase().replace(/[^\p{L}-]/gu, '')), `"${titleWord}" of ${paper.key} in: ${text}`);
  assert.ok(!/<\/?[a-z]+(\s[^>]*)?>|&#\d+;|&amp;/i.test(text), `markup in: ${text}`);
}

/**
 * Each style's references for the five entries, in the order of KINDS. They
 * are what the style file yields through citeproc-js and were checked by
 * hand against the pattern each guide prescribes, for example:
 * - APA 7: Author, A. A. (Year). Title. Journal, volume(issue), pages; a
 *   chapter "In E. Editor & F. Editor (Eds.), Book (pp. x–y). Publisher";
 *   a preprint "Title (arXiv:id). arXiv. URL"; a thesis "[Doctoral dissertation]".
 * - Chicago author-date (18th): Family, Given. Year. "Title in Title Case."
 *   Journal volume (issue): pages, with Chicago page ranges (3027–36).
 * - IEEE: initials first, "et al." from seven authors, "vol. x, no. y, pp. a–b, Year".
 * - Vancouver (NLM): "Family AB, et al. Title. J Abbrev. Year;vol(issue):pages."
 * - Harvard (Cite Them Right): "Family, A. (Year) 'Title', Journal, vol(issue), pp. a–b."
 * - Nature: "Family, A. et al. Title. Journal vol, pages (Year)."
 * - ACM: full names, "Year. Title. Journal vol, issue (Year), pages."
 * They guard the paper → CSL mapping (types, containers, editors, genres,
 * preprints) against regressions; `wellFormed` checks each independently.
 */
const EXPECTED: Record<string, string[]> = {
  'apa': [
    "Knuth, D. E. (1984). The TeXbook: A. Addison-Wesley.",
    "Aksın, Ö., Türkmen, H., Artok, L., Çetinkaya, B., Ni, C., Büyükgüngör, O., & Özkal, E. (2006). Effect of immobilization on catalytic characteristics of saturated Pd-N-heterocyclic carbenes in Mizoroki-Heck reactions. J. Organomet. Chem., 691(13), 3027–3036.",
    "Moraux, P. (1979). Le De Anima dans la tradition grècque: Quelques aspects de l’interpretation du traité, de Theophraste à Themistius. In G. E. R. Lloyd & G. E. L. Owen (Eds.), Aristotle on Mind and the Senses (pp. 281–324). Cambridge University Press.",
    "Itzhaki, N. (1996). Some remarks on ’t Hooft’s S-matrix for black holes (arXiv:hep-Th/9603067). arXiv. https://arxiv.org/abs/hep-th/9603067",
    "de Geer, I. (1985). Earl, Saint, Bishop, Skald – and Music: The Orkney Earldom of the Twelfth Century. A Musicological Study [Doctoral dissertation]. Uppsala Universitet.",
  ],
  'chicago-author-date': [
    "Knuth, Donald E. 1984. The TeXbook. A. Addison-Wesley.",
    "Aksın, Özge, Hayati Türkmen, Levent Artok, et al. 2006. “Effect of Immobilization on Catalytic Characteristics of Saturated Pd-N-Heterocyclic Carbenes in Mizoroki-Heck Reactions.” J. Organomet. Chem. 691 (13): 3027–36.",
    "Moraux, Paul. 1979. “Le De Anima Dans La Tradition Grècque: Quelques Aspects de l’interpretation Du Traité, de Theophraste à Themistius.” In Aristotle on Mind and the Senses, edited by G. E. R. Lloyd and G. E. L. Owen, 281–324. Cambridge University Press.",
    "Itzhaki, Nissan. 1996. “Some Remarks on ’t Hooft’s S-Matrix for Black Holes.” Preprint, arXiv. https://arxiv.org/abs/hep-th/9603067.",
    "Geer, Ingrid de. 1985. “Earl, Saint, Bishop, Skald – and Music: The Orkney Earldom of the Twelfth Century. A Musicological Study.” Doctoral dissertation, Uppsala Universitet.",
  ],
  'ieee': [
    "[1] D. E. Knuth, The TeXbook, vol. A. Reading, Mass.: Addison-Wesley, 1984.",
    "[1] Ö. Aksın et al., “Effect of immobilization on catalytic characteristics of saturated Pd-N-heterocyclic carbenes in Mizoroki-Heck reactions,” J. Organomet. Chem., vol. 691, no. 13, pp. 3027–3036, 2006.",
    "[1] P. Moraux, “Le De Anima dans la tradition grècque: Quelques aspects de l’interpretation du traité, de Theophraste à Themistius,” in Aristotle on Mind and the Senses, 1979, pp. 281–324.",
    "[1] N. Itzhaki, “Some remarks on ’t Hooft’s S-matrix for black holes.” arXiv, 1996. [Online]. Available: https://arxiv.org/abs/hep-th/9603067",
    "[1] I. de Geer, “Earl, Saint, Bishop, Skald – and Music: The Orkney Earldom of the Twelfth Century. A Musicological Study,” Doctoral dissertation, Uppsala Universitet, Uppsala, 1985.",
  ],
  'vancouver': [
    "1. Knuth DE. The TeXbook. A. Reading, Mass.: Addison-Wesley; 1984.",
    "1. Aksın Ö, Türkmen H, Artok L, Çetinkaya B, Ni C, Büyükgüngör O, et al. Effect of immobilization on catalytic characteristics of saturated Pd-N-heterocyclic carbenes in Mizoroki-Heck reactions. J Organomet Chem. 2006;691(13):3027–36.",
    "1. Moraux P. Le De Anima dans la tradition grècque: Quelques aspects de l’interpretation du traité, de Theophraste à Themistius. In: Lloyd GER, Owen GEL, editors. Aristotle on Mind and the Senses. Cambridge: Cambridge University Press; 1979. p. 281–324.",
    "1. Itzhaki N. Some remarks on ’t Hooft’s S-matrix for black holes [Internet]. arXiv; 1996. Available from: https://arxiv.org/abs/hep-th/9603067",
    "1. de Geer I. Earl, Saint, Bishop, Skald – and Music: The Orkney Earldom of the Twelfth Century. A Musicological Study [Doctoral dissertation]. [Uppsala]: Uppsala Universitet; 1985.",
  ],
  'harvard-cite-them-right': [
    "Knuth, D.E. (1984) The TeXbook. Reading, Mass.: Addison-Wesley.",
    "Aksın, Ö. et al. (2006) “Effect of immobilization on catalytic characteristics of saturated Pd-N-heterocyclic carbenes in Mizoroki-Heck reactions,” J. Organomet. Chem., 691(13), pp. 3027–3036.",
    "Moraux, P. (1979) “Le De Anima dans la tradition grècque: Quelques aspects de l’interpretation du traité, de Theophraste à Themistius,” in G.E.R. Lloyd and G.E.L. Owen (eds.) Aristotle on Mind and the Senses. Cambridge: Cambridge University Press, pp. 281–324.",
    "Itzhaki, N. (1996) “Some remarks on ’t Hooft’s S-matrix for black holes.” arXiv. Available at: https://arxiv.org/abs/hep-th/9603067.",
    "de Geer, I. (1985) Earl, Saint, Bishop, Skald – and Music: The Orkney Earldom of the Twelfth Century. A Musicological Study. Doctoral dissertation. Uppsala Universitet.",
  ],
  'nature': [
    "1. Knuth, D. E. The TeXbook. A, (Addison-Wesley, 1984).",
    "1. Aksın, Ö. et al. Effect of immobilization on catalytic characteristics of saturated Pd-N-heterocyclic carbenes in Mizoroki-Heck reactions. J. Organomet. Chem. 691, 3027–3036 (2006).",
    "1. Moraux, P. Le De Anima dans la tradition grècque: Quelques aspects de l’interpretation du traité, de Theophraste à Themistius. in Aristotle on Mind and the Senses (Lloyd, G. E. R. & Owen, G. E. L.) 281–324 (Cambridge University Press, 1979).",
    "1. Itzhaki, N. Some remarks on ’t Hooft’s S-matrix for black holes. (1996).at <https://arxiv.org/abs/hep-th/9603067>",
    "1. de Geer, I. Earl, Saint, Bishop, Skald – and Music: The Orkney Earldom of the Twelfth Century. A Musicological Study. (1985).",
  ],
  'association-for-computing-machinery': [
    "[1] Donald E. Knuth. 1984. The TeXbook. Addison-Wesley, Reading, Mass.",
    "[1] Özge Aksın, Hayati Türkmen, Levent Artok, Bekir Çetinkaya, Chaoying Ni, Orhan Büyükgüngör, and Erhan Özkal. 2006. Effect of immobilization on catalytic characteristics of saturated Pd-N-heterocyclic carbenes in Mizoroki-Heck reactions. J. Organomet. Chem. 691, 13 (2006), 3027–3036.",
    "[1] Paul Moraux. 1979. Le De Anima dans la tradition grècque: Quelques aspects de l’interpretation du traité, de Theophraste à Themistius. In Aristotle on Mind and the Senses, 1979. Cambridge University Press, Cambridge, 281–324.",
    "[1] Nissan Itzhaki. 1996. Some remarks on ’t Hooft’s S-matrix for black holes. Retrieved from https://arxiv.org/abs/hep-th/9603067",
    "[1] Ingrid de Geer. 1985. Earl, Saint, Bishop, Skald – and Music: The Orkney Earldom of the Twelfth Century. A Musicological Study. Doctoral dissertation. Uppsala Universitet, Uppsala.",
  ],
};

describe('CSL styles on real entries', () => {
  it('the fixture entries are what the tests expect', () => {
    assert.equal(entry(KINDS.book).type, 'book');
    assert.equal(entry(KINDS.article).authors[0].family, 'Aksın');
    assert.equal(entry(KINDS.preprint).arxiv, 'hep-th/9603067');
    assert.deepEqual(entry(KINDS.conference).editors?.map((e) => e.family), ['Lloyd', 'Owen']);
  });

  it('every shipped style has expected references', () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), SHIPPED_STYLES.map((s) => s.id).sort());
  });

  for (const { id } of SHIPPED_STYLES) {
    it(`${id}: a book, an article, a conference paper, an arXiv preprint and a thesis`, () => {
      const keys = Object.values(KINDS);
      keys.forEach((key, i) => {
        const [text] = render(id, [entry(key)]);
        wellFormed(entry(key), text);
        assert.equal(text, EXPECTED[id][i], `${id}, ${key}`);
      });
    });
  }

  it('a list comes in the style\'s order: sorted by author for APA, numbered in the given order for IEEE', () => {
    const papers = [entry(KINDS.thesis), entry(KINDS.book), entry(KINDS.article)];
    assert.deepEqual(render('apa', papers).map((t) => t.split(',')[0]), ['Aksın', 'de Geer', 'Knuth']);
    assert.deepEqual(render('ieee', papers).map((t) => t.slice(0, 3)), ['[1]', '[2]', '[3]']);
    assert.match(render('ieee', papers)[0], /^\[1\] I\. de Geer/);
  });

  it('renders Markdown with *italics* and escapes, never HTML', () => {
    const [book] = render('apa', [entry(KINDS.book)], 'markdown');
    assert.equal(book, 'Knuth, D. E. (1984). *The TeXbook: A*. Addison-Wesley.');
    const [article] = render('nature', [entry(KINDS.article)], 'markdown');
    assert.match(article, /\*J\. Organomet\. Chem\.\* \*\*691\*\*, 3027–3036 \(2006\)\.$/);
    const risky: Paper = { ...entry(KINDS.book), key: 'risky', title: 'Using <b>tags</b> and @mentions with snake_case' };
    const [escaped] = render('apa', [risky], 'markdown');
    // citeproc reads <b>, <i>, <sc> in fields as rich text: they come out as Markdown, never as tags.
    assert.ok(!/<\/?b>/.test(escaped), escaped);
    assert.match(escaped, /Using \*\*tags\*\* and \\@mentions with snake\\_case/);
  });
});

describe('CSL styles against their guides\' own examples', () => {
  const base = { keywords: [], topics: [], origin: { source: 't', kind: 'csl-json' as const } };

  it('APA 7: the journal article example of APA Style\'s reference examples, to the character', () => {
    const grady: Paper = {
      ...base, key: 'grady2019', type: 'article-journal', year: 2019,
      title: 'Emotions in storybooks: A comparison of storybooks that represent ethnic and racial groups in the United States',
      authors: [['Grady', 'J. S.'], ['Her', 'M.'], ['Moreno', 'G.'], ['Perez', 'C.'], ['Yelinek', 'J.']].map(([family, given]) => ({ family, given })),
      venue: 'Psychology of Popular Media Culture', volume: '8', issue: '3', pages: '207-217', doi: '10.1037/ppm0000185',
    };
    assert.equal(render('apa', [grady])[0],
      'Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). Emotions in storybooks: A comparison of storybooks that represent ethnic and racial groups in the United States. Psychology of Popular Media Culture, 8(3), 207–217. https://doi.org/10.1037/ppm0000185');
    assert.equal(render('apa', [grady], 'markdown')[0].match(/\*[^*]+\*/g)?.join(' '), '*Psychology of Popular Media Culture* *8*', 'journal and volume in italics');
    // IEEE prints the DOI after the year, with one space.
    assert.match(render('ieee', [grady])[0], /, vol\. 8, no\. 3, pp\. 207–217, 2019, doi: 10\.1037\/ppm0000185\.$/);
  });

  it('Chicago author-date 18th edition: the book example of the quick guide (no place of publication since the 18th)', () => {
    const grazer: Paper = {
      ...base, key: 'grazer2015', type: 'book', year: 2015, title: 'A Curious Mind: The Secret to a Bigger Life',
      authors: [{ family: 'Grazer', given: 'Brian' }, { family: 'Fishman', given: 'Charles' }], publisher: 'Simon & Schuster', place: 'New York',
    };
    assert.equal(render('chicago-author-date', [grazer])[0], 'Grazer, Brian, and Charles Fishman. 2015. A Curious Mind: The Secret to a Bigger Life. Simon & Schuster.');
  });
});

describe('CSL fallbacks: names, corporate authors, missing data', () => {
  const base = { keywords: [], topics: [], origin: { source: 't', kind: 'csl-json' as const } };
  const corporate: Paper = { ...base, key: 'who', title: 'World report on ageing and health', authors: [{ family: 'World Health Organization' }], type: 'report' };
  const empty: Paper = { ...base, key: 'empty', title: '', authors: [] };

  for (const { id } of SHIPPED_STYLES) {
    it(`${id}: a corporate author without a year, and an entry with nothing, render without a crash`, () => {
      const [who, nothing] = render(id, [corporate, empty]).sort((a, b) => b.length - a.length);
      assert.ok(who.includes('World Health Organization'), who);
      assert.ok(!who.includes('Organization, W'), `the corporate name was split: ${who}`);
      assert.equal(typeof nothing, 'string');
    });
  }

  it('uses each style\'s own words for a missing year', () => {
    assert.match(render('apa', [corporate])[0], /^World Health Organization\. \(n\.d\.\)\. World report on ageing and health \[Report\]\./);
    assert.match(render('chicago-author-date', [corporate])[0], /^World Health Organization\. n\.d\./);
    assert.match(render('harvard-cite-them-right', [corporate])[0], /^World Health Organization \(no date\)/);
  });

  it('writes in the locale asked for, with en-US for any other', () => {
    assert.match(render('apa', [corporate], 'text', 'de-DE')[0], /\(o\.\sJ\.\)/);
    assert.match(render('apa', [corporate], 'text', 'fr-FR')[0], /\(s\.\sd\.\)/);
    assert.match(render('apa', [corporate], 'text', 'xx-XX')[0], /\(n\.d\.\)/);
  });
});

describe('CSL style errors', () => {
  const options = (xml: string) => ({ style: xml, lang: 'en-US', locales: LOCALES, format: 'text' as const });
  const paper = () => entry(KINDS.book);

  it('a file that is not CSL, a style without a bibliography and a dependent style each say what is wrong', () => {
    assert.throws(() => renderReferences([paper()], options('not xml at all')), (e: unknown) => e instanceof CslStyleError && /not a CSL style/.test(e.message));
    assert.throws(() => renderReferences([paper()], options('<style xmlns="http://purl.org/net/xbiblio/csl"><info/><citation><layout/></citation></style>')),
      (e: unknown) => e instanceof CslStyleError && /no <bibliography>/.test(e.message));
    const dependent = '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info><title>Journal X</title><link href="http://www.zotero.org/styles/apa" rel="independent-parent"/></info></style>';
    assert.throws(() => renderReferences([paper()], options(dependent)), (e: unknown) => e instanceof CslStyleError && /dependent CSL style.*styles\/apa/.test(e.message));
  });

  it('malformed XML inside a style is a CslStyleError, not a crash', () => {
    const broken = style('nature').replace('</macro>', '');
    assert.throws(() => renderReferences([paper()], options(broken)), CslStyleError);
  });

  it('no papers, no references', () => {
    assert.deepEqual(renderReferences([], options('anything')), []);
  });
});
