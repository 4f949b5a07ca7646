import type { Paper } from '../model';

/** Characters that would end or break a braced BibTeX value are escaped; balanced braces are kept as they are. */
function braced(value: string): string {
  let depth = 0;
  let balanced = true;
  for (const ch of value) {
    if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) balanced = false;
  }
  const kept = balanced && depth === 0 ? value : value.replace(/[{}]/g, (c) => `\\${c}`);
  return `{${texEscape(kept).replace(/\r?\n/g, ' ')}}`;
}

/** Escapes characters TeX would read as markup, so the value reads back as written. */
function texEscape(value: string): string {
  return value
    .replace(/\\(?![{}])/g, '\\textbackslash{}')
    .replace(/[$%&#_]/g, (c) => `\\${c}`)
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}')
    .replace(/-(?=-)/g, '-{}');
}

const TYPE_MAP: Record<string, string> = {
  'article-journal': 'article', 'paper-conference': 'inproceedings', book: 'book', chapter: 'incollection', thesis: 'phdthesis', report: 'techreport',
};

/** A BibTeX entry for a paper, for "Copy as BibTeX". */
export function toBibtex(paper: Paper): string {
  const type = TYPE_MAP[paper.type ?? ''] ?? (paper.type && /^[a-z]+$/.test(paper.type) ? paper.type : paper.arxiv ? 'misc' : 'article');
  const fields: Array<[string, string | undefined]> = [
    ['title', paper.title],
    ['author', paper.authors.map((a) => (a.given ? `${a.family}, ${a.given}` : `{${a.family}}`)).join(' and ') || undefined],
    ['year', paper.year?.toString()],
    [type === 'inproceedings' ? 'booktitle' : type === 'misc' ? 'howpublished' : 'journal', paper.venue],
    ['doi', paper.doi],
    ['eprint', paper.arxiv],
    ['archiveprefix', paper.arxiv ? 'arXiv' : undefined],
    ['url', paper.url],
    ['keywords', paper.keywords.join(', ') || undefined],
    ['abstract', paper.abstract],
  ];
  const body = fields.filter(([, v]) => v).map(([k, v]) => `  ${k} = ${braced(v as string)}`).join(',\n');
  return `@${type}{${paper.key},\n${body}\n}\n`;
}
