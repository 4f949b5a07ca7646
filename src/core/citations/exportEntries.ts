import { paperToCslItem } from '../csl/cslItem';
import type { Paper } from '../model';
import { toBibtex } from '../render/bibtex';
import { runToEnd } from '../slices';
import { scanBibBlockSteps, type BibBlock } from '../sources/bibScanner';

/**
 * The cited papers as one `.bib` file. Entries read from BibTeX are copied
 * as their original text (with the `@string` and `@preamble` blocks of their
 * files first, which their fields may use), so nothing is lost; papers from
 * other sources are rendered. `sourceText` gives a source file's text, if
 * it can still be read.
 */
export function exportBibtex(papers: readonly Paper[], sourceText: (source: string) => string | undefined): string {
  const blocksBySource = new Map<string, BibBlock[] | undefined>();
  const blocksOf = (source: string) => {
    if (!blocksBySource.has(source)) {
      const text = sourceText(source);
      blocksBySource.set(source, text === undefined ? undefined : runToEnd(scanBibBlockSteps(text)));
    }
    return blocksBySource.get(source);
  };
  const preamble: string[] = [];
  const entries: string[] = [];
  const usedSources = new Set<string>();
  for (const paper of papers) {
    const blocks = paper.origin.kind === 'bibtex' ? blocksOf(paper.origin.source) : undefined;
    const original = blocks?.find((b) => b.line === paper.origin.line && !b.unterminated && b.label !== undefined);
    if (!original) {
      entries.push(toBibtex(paper));
      continue;
    }
    if (!usedSources.has(paper.origin.source)) {
      usedSources.add(paper.origin.source);
      for (const block of blocks ?? []) if (block.type === 'string' || block.type === 'preamble') preamble.push(block.text);
    }
    entries.push(original.text);
  }
  return `${[...preamble, ...entries].join('\n\n')}\n`;
}

/** The cited papers as CSL-JSON, as pandoc `--citeproc` and Zotero read it. */
export function exportCslJson(papers: readonly Paper[]): string {
  const items = papers.map((paper) => {
    const item = paperToCslItem(paper);
    if (paper.abstract) item.abstract = paper.abstract;
    if (paper.keywords.length) item.keyword = paper.keywords.join(', ');
    return item;
  });
  return `${JSON.stringify(items, null, 2)}\n`;
}
