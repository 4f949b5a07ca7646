import type { Paper } from '../model';
import { renderTemplate } from './templates';
import { paperView } from './views';

export type CitationFormatName = 'pandoc' | 'latex' | 'typst' | 'markdownLink' | 'plain';

/**
 * Default citation templates. Each renders a list of papers: `keys` is the
 * comma-joined keys, `papers` the per-paper values with `first`/`last` flags.
 */
export const DEFAULT_CITATION_FORMATS: Record<CitationFormatName, string> = {
  pandoc: '[{{#papers}}@{{key}}{{^last}}; {{/last}}{{/papers}}]',
  latex: '{{=<% %>=}}\\cite{<%keys%>}',
  typst: '{{#papers}}{{typstCite}}{{^last}} {{/last}}{{/papers}}',
  markdownLink: '{{#papers}}[{{title}}]({{url}}){{^last}}, {{/last}}{{/papers}}',
  plain: '{{#papers}}{{authorsFull}} ({{year}}). {{title}}.{{#venue}} {{venue}}.{{/venue}}{{#url}} {{url}}{{/url}}{{^last}}\n{{/last}}{{/papers}}',
};

export function citationView(papers: Paper[]) {
  return {
    keys: papers.map((p) => p.key).join(','),
    papers: papers.map((paper, i) => ({ ...paperView(paper), typstCite: typstCite(paper.key), first: i === 0, last: i === papers.length - 1 })),
  };
}

/** Typst's `@key` where the key is a valid label name, else `#cite(label("key"))`, which takes any key. */
export function typstCite(key: string): string {
  return /^[\p{L}\p{N}_](?:[\p{L}\p{N}_\-:.]*[\p{L}\p{N}_-])?$/u.test(key) ? `@${key}` : `#cite(label(${JSON.stringify(key)}))`;
}

/** Renders a citation of one or more papers with a template (a default format's, or the user's). */
export function renderCitation(papers: Paper[], template: string): string {
  return renderTemplate(template, citationView(papers));
}

/** Which citation format suits an editor language (VS Code language ids). */
export function formatForLanguage(languageId: string): CitationFormatName {
  if (['markdown', 'quarto', 'rmd', 'pandoc', 'mdx'].includes(languageId)) return 'pandoc';
  if (['latex', 'tex', 'bibtex', 'context', 'latex-expl3', 'doctex'].includes(languageId)) return 'latex';
  if (languageId === 'typst') return 'typst';
  return 'plain';
}
