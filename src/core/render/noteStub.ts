import { writeFrontMatter } from '../frontMatter';
import type { Paper } from '../model';
import { renderTemplate } from './templates';
import { authorName, paperLink, paperView } from './views';

/** Default body of a new note; front matter is written separately, from data, never from a template. */
export const DEFAULT_NOTE_TEMPLATE = `# {{title}}

{{#authors}}*{{authors}}*{{#year}} ({{year}}){{/year}}{{/authors}}

## Abstract

{{abstract}}

## Summary

## Key ideas

## Notes
`;

/**
 * The front matter of a new note. Built as data and serialized by gray-matter
 * (YAML), so no title, however odd, can add or change keys.
 */
export function noteFrontMatter(paper: Paper, created: Date): Record<string, unknown> {
  const data: Record<string, unknown> = {
    title: paper.title,
    authors: paper.authors.map(authorName),
    year: paper.year,
    key: paper.key,
    url: paperLink(paper),
    arxiv: paper.arxiv,
    doi: paper.doi,
    topics: paper.topics,
    tags: paper.keywords,
    status: 'unread',
    created: created.toISOString().slice(0, 10),
  };
  for (const [field, value] of Object.entries(data)) if (value === undefined) delete data[field];
  return data;
}

/** A complete Markdown note stub: YAML front matter, then the rendered body template. */
export function renderNoteStub(paper: Paper, template: string = DEFAULT_NOTE_TEMPLATE, created = new Date()): string {
  const body = renderTemplate(template, paperView(paper));
  return writeFrontMatter(noteFrontMatter(paper, created), body);
}
