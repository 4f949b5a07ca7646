import type { Paper } from '../model';
import { authorName, paperLink } from './views';

/** Markdown-escapes text so titles and abstracts render as written, never as markup or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** The read-only Markdown shown for a paper: title, authors, year, venue, topics, links, abstract. */
export function abstractMarkdown(paper: Paper, topicLabel: (id: string) => string): string {
  const lines = [`# ${escapeMarkdown(paper.title)}`, ''];
  if (paper.authors.length) lines.push(`**Authors:** ${escapeMarkdown(paper.authors.map(authorName).join(', '))}  `);
  if (paper.year) lines.push(`**Year:** ${paper.year}  `);
  if (paper.venue) lines.push(`**Venue:** ${escapeMarkdown(paper.venue)}  `);
  if (paper.topics.length) lines.push(`**Topics:** ${escapeMarkdown(paper.topics.map(topicLabel).join(', '))}  `);
  lines.push(`**Key:** \`${paper.key.replace(/`/g, '')}\`  `);
  const links: string[] = [];
  const link = paperLink(paper);
  const safeUrl = (url: string) => /^https?:\/\//i.test(url) ? `<${url.replace(/[<>\s]/g, encodeURIComponent)}>` : undefined;
  if (link && safeUrl(link)) links.push(`[Paper](${safeUrl(link)})`);
  if (paper.arxiv) links.push(`[arXiv ${escapeMarkdown(paper.arxiv)}](${safeUrl(`https://arxiv.org/abs/${paper.arxiv}`)})`);
  if (paper.codeUrl && safeUrl(paper.codeUrl)) links.push(`[Code](${safeUrl(paper.codeUrl)})`);
  if (links.length) lines.push(`**Links:** ${links.join(' · ')}  `);
  lines.push('', '## Abstract', '', paper.abstract ? escapeMarkdown(paper.abstract) : '*No abstract in the library.*', '');
  return lines.join('\n');
}
