import { readFrontMatter } from '../frontMatter';
import { maskLatex } from './latex';
import { analyzeTypst } from './typst';
import type { CitationSyntax } from './types';

/**
 * The bibliography files a document declares, as written (relative to the
 * document): pandoc/Quarto front matter `bibliography:` (a string or a
 * list), LaTeX `\bibliography{a,b}` (`.bib` added where no extension is
 * given) and `\addbibresource{x.bib}`, Typst `#bibliography("x.bib")` or
 * `#bibliography(("a.bib", "b.bib"))`. Commented-out declarations do not count.
 */
export function declaredBibliographies(text: string, syntax: CitationSyntax): string[] {
  const found: string[] = [];
  if (syntax === 'pandoc') {
    if (!/^(?:\uFEFF)?---\s*\r?\n/.test(text)) return [];
    const value = readFrontMatter(text).data.bibliography;
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string' && item.trim()) found.push(item.trim());
  } else if (syntax === 'latex') {
    const masked = maskLatex(text);
    for (const m of masked.matchAll(/\\bibliography\s*\{([^}]*)\}/g)) {
      for (const name of m[1].split(',').map((s) => s.trim()).filter(Boolean)) found.push(/\.[A-Za-z]+$/.test(name) ? name : `${name}.bib`);
    }
    for (const m of masked.matchAll(/\\add(?:bibresource|globalbib|sectionbib)\s*(?:\[[^\]]*\])?\s*\{([^}]+)\}/g)) found.push(m[1].trim());
  } else {
    // Strings are blanked in the masked text: find the call there, read its strings from the text.
    const masked = analyzeTypst(text).masked;
    for (const m of masked.matchAll(/#bibliography\(/g)) {
      const open = m.index + m[0].length;
      let depth = 1;
      let close = open;
      while (close < masked.length && depth > 0) {
        if (masked[close] === '(') depth++;
        else if (masked[close] === ')') depth--;
        close++;
      }
      // The paths are the first argument; named ones (`style: "apa"`) follow.
      const firstArgument = text.slice(open, close - 1).split(/,\s*[A-Za-z-]+\s*:/)[0];
      for (const s of firstArgument.matchAll(/"([^"\n]+)"/g)) found.push(s[1]);
    }
  }
  return [...new Set(found)];
}
