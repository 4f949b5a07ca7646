/**
 * Sources: where papers come from. One entry point picks the parser for a
 * file by its extension; every parser takes text and a source name, gives
 * draft papers and problems (the BibTeX parser as steps), and never throws.
 */
import type { DraftParseResult } from '../model';
import { firstLineOf } from '../lines';
import type { Steps } from '../slices';
import { parseBibtexSteps, type BibtexOptions } from './bibtex';
import { parseCorpusText } from './corpus';
import { parseCslJson } from './cslJson';
import { parseMarkdownNote } from './markdownNotes';
import { sourceKindOf } from './sourceKind';

export { parseBibtexSteps } from './bibtex';
export { parseCslJson } from './cslJson';
export { parseMarkdownNote, noteKeyOf } from './markdownNotes';
export { parseCorpusText } from './corpus';
export { sourceKindOf } from './sourceKind';

/**
 * Parses a file's text with the parser its extension calls for, step by step
 * (run it with `runToEnd` or `runInSlices`): BibTeX files (the ones that run
 * to tens of megabytes) are read in batches, other kinds at once. `bibtex` holds
 * the BibTeX parser's options. Never throws.
 */
export function* parseSourceSteps(text: string, source: string, bibtex: BibtexOptions = {}): Steps<DraftParseResult> {
  switch (sourceKindOf(source)) {
    case 'bibtex':
      return yield* parseBibtexSteps(text, source, bibtex);
    case 'csl-json':
      return parseCslJson(text, source);
    case 'markdown':
      return parseMarkdownNote(text, source);
    case 'corpus':
      try {
        return parseCorpusText(text, source);
      } catch (e) {
        return { papers: [], problems: [{ source, severity: 'error', message: `Could not read this text file: ${firstLineOf(e)}` }] };
      }
    default:
      return {
        papers: [],
        problems: [
          {
            source,
            severity: 'error',
            message: 'LitNotes cannot read this kind of file; use .bib, .bibtex, .json (CSL-JSON), .md or .txt.',
          },
        ],
      };
  }
}
