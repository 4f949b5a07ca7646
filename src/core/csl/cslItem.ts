/**
 * A paper as a CSL-JSON item: what CSL processors (citeproc-js, pandoc,
 * Zotero) read. Shared by the CSL-JSON export and the formatted references.
 */
import type { Paper } from '../model';

export type CslItemOut = Record<string, unknown>;

const CSL_TYPES: Record<string, string> = {
  article: 'article-journal', inproceedings: 'paper-conference', conference: 'paper-conference', book: 'book',
  incollection: 'chapter', inbook: 'chapter', phdthesis: 'thesis', mastersthesis: 'thesis', thesis: 'thesis',
  techreport: 'report', report: 'report', misc: 'article', unpublished: 'manuscript', online: 'webpage',
};

/** BibLaTeX's thesis type keys, as the words styles print. */
const GENRES: Record<string, string> = {
  phdthesis: 'Doctoral dissertation', mathesis: "Master's thesis", mastersthesis: "Master's thesis",
  techreport: 'Technical report', resreport: 'Research report',
};

/** Types whose `venue` names the publisher (or university), not a journal or proceedings. */
const PUBLISHED_BY_VENUE = new Set(['book', 'thesis', 'report']);

/** Venues that name a conference or workshop, for papers whose source states no type (the embedded library). */
const CONFERENCE_VENUE = /\b(conf|conference|proc|proceedings|symposium|workshop|findings|neurips|nips|icml|iclr|acl|emnlp|naacl|eacl|coling|cvpr|iccv|eccv|aaai|ijcai|kdd|sigir|mlsys|osdi|sosp|asplos|isca|micro|hpca|colm)\b/i;

/** The CSL type for a BibTeX or CSL type; without one, guessed from the venue (an arXiv-only paper is a preprint). */
export function cslType(paper: Pick<Paper, 'type' | 'venue' | 'arxiv'>): string {
  const type = paper.type?.toLowerCase();
  if (isPreprint(paper) && (!type || PREPRINT_TYPES.has(type))) return 'article';
  if (type) return CSL_TYPES[type] ?? (type.includes('-') ? type : 'article');
  if (!paper.venue) return 'article';
  return CONFERENCE_VENUE.test(paper.venue) ? 'paper-conference' : 'article-journal';
}

/** Types a source gives an arXiv preprint ("@article" with journal "arXiv preprint arXiv:…", "@misc"). */
const PREPRINT_TYPES = new Set(['article', 'article-journal', 'misc', 'unpublished', 'online', 'manuscript', 'preprint']);

/** An arXiv paper with no venue but arXiv itself. */
function isPreprint(paper: Pick<Paper, 'venue' | 'arxiv'>): boolean {
  return !!paper.arxiv && (!paper.venue || /^arxiv\b/i.test(paper.venue));
}

/** A name as CSL writes it: a name without a given part (an institution, a mononym) is kept whole. */
function cslName(author: Paper['authors'][number]): Record<string, string> {
  return author.given ? { family: author.family, given: author.given } : { literal: author.family };
}

/** The bibliographic fields of a paper as a CSL item; `id` is the paper's key. */
export function paperToCslItem(paper: Paper): CslItemOut {
  const type = cslType(paper);
  const item: CslItemOut = { id: paper.key, type, title: paper.title };
  if (paper.authors.length) item.author = paper.authors.map(cslName);
  if (paper.year) item.issued = { 'date-parts': [[paper.year]] };
  const preprint = type === 'article' && isPreprint(paper);
  // A source without a container names its publisher as the venue; it is not a container then.
  // A book, thesis or report has no container: a venue there is its publisher (or a series, left out).
  if (paper.venue && paper.venue !== paper.publisher && !/^arxiv\b/i.test(paper.venue)) {
    if (!PUBLISHED_BY_VENUE.has(type)) item['container-title'] = paper.venue;
    else if (!paper.publisher) item.publisher = paper.venue;
  }
  if (paper.publisher) item.publisher = paper.publisher;
  if (paper.place) item['publisher-place'] = paper.place;
  if (paper.editors?.length) item.editor = paper.editors.map(cslName);
  if (paper.volume) item.volume = paper.volume;
  if (paper.issue) item.issue = paper.issue;
  if (paper.pages) item.page = paper.pages;
  if (paper.doi) item.DOI = paper.doi;
  if (paper.url) item.URL = paper.url;
  else if (paper.arxiv) item.URL = `https://arxiv.org/abs/${paper.arxiv}`;
  if (preprint) item.number = `arXiv:${paper.arxiv}`;
  if (preprint && !item.publisher) item.publisher = 'arXiv';
  const genre = paper.genre ?? (type === 'thesis' || type === 'report' ? paper.type : undefined);
  if (genre && (type === 'thesis' || type === 'report')) item.genre = GENRES[genre.toLowerCase()] ?? genre;
  return item;
}
