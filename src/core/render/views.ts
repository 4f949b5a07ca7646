import type { Author, Paper } from '../model';

/** "Given Family" for display and front matter. */
export function authorName(author: Author): string {
  return author.given ? `${author.given} ${author.family}` : author.family;
}

/** "Frantar and Alistarh", "Frantar et al.": the short form used in references. */
export function authorsShort(authors: Author[]): string {
  if (authors.length === 0) return '';
  if (authors.length === 1) return authors[0].family;
  if (authors.length === 2) return `${authors[0].family} and ${authors[1].family}`;
  return `${authors[0].family} et al.`;
}

/** "Family, G., Family, G., & Family, G." in the usual reference-list style. */
export function authorsFull(authors: Author[]): string {
  const names = authors.map((a) => (a.given ? `${a.family}, ${initials(a.given)}` : a.family));
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
}

function initials(given: string): string {
  return given.split(/[\s-]+/).filter(Boolean).map((part) => `${part[0]}.`).join(' ');
}

/** The best link for a paper: its URL, else DOI, else arXiv. */
export function paperLink(paper: Paper): string | undefined {
  if (paper.url) return paper.url;
  if (paper.doi) return `https://doi.org/${paper.doi}`;
  if (paper.arxiv) return `https://arxiv.org/abs/${paper.arxiv}`;
  return undefined;
}

/** The values a template may use for one paper. */
export function paperView(paper: Paper) {
  return {
    key: paper.key,
    title: paper.title,
    authors: paper.authors.map(authorName).join(', '),
    authorsShort: authorsShort(paper.authors),
    authorsFull: authorsFull(paper.authors),
    firstAuthor: paper.authors[0]?.family ?? '',
    year: paper.year ?? 'n.d.',
    venue: paper.venue ?? '',
    abstract: paper.abstract ?? '',
    url: paperLink(paper) ?? '',
    doi: paper.doi ?? '',
    arxiv: paper.arxiv ?? '',
    codeUrl: paper.codeUrl ?? '',
    topic: paper.topics[0] ?? '',
    topics: paper.topics.join(', '),
    keywords: paper.keywords.join(', '),
  };
}
