/** arXiv identifiers, written on their own or mentioned in other fields. */

const ARXIV_NEW = /(\d{4}\.\d{4,5})(v\d+)?/;
const ARXIV_OLD = /([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?/;

// Compiled once (they run on fields of every entry of a library); without the `g` flag, `exec` keeps no state.
const ARXIV_ID = new RegExp(`^(?:${ARXIV_NEW.source}|${ARXIV_OLD.source})$`, 'i');
const ARXIV_MENTIONS = [
  new RegExp(`arxiv\\.org/(?:abs|pdf|html)/(?:${ARXIV_NEW.source}|${ARXIV_OLD.source})`, 'i'),
  new RegExp(`10\\.48550/arxiv\\.(?:${ARXIV_NEW.source}|${ARXIV_OLD.source})`, 'i'),
  new RegExp(`arxiv\\s*:\\s*(?:${ARXIV_NEW.source}|${ARXIV_OLD.source})`, 'i'),
];

/** An arXiv id written on its own ("2101.00001", "arXiv:2101.00001v2", "hep-th/9901001"). */
export function arxivFromId(text: string): string | undefined {
  const t = text.trim().replace(/^arxiv\s*:\s*/i, '');
  const m = ARXIV_ID.exec(t);
  return m ? (m[1] ?? m[3]) : undefined;
}

/** An arXiv id mentioned in a field: an arxiv.org URL, an arXiv DOI, or "arXiv:<id>". */
export function arxivFromText(text: string): string | undefined {
  for (const p of ARXIV_MENTIONS) {
    const m = p.exec(text);
    if (m) {
      return m[1] ?? m[3];
    }
  }
  return undefined;
}
