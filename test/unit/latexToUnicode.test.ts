import { strict as assert } from 'node:assert';
import { runToEnd } from '../../src/core/slices';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBibtexSteps } from '../../src/core/sources/bibtex';
import { latexToUnicode } from '../../src/core/text/latexToUnicode';

/** How a title reads once parsed from BibTeX. */
function title(raw: string): string {
  return runToEnd(parseBibtexSteps(`@article{k, title = {${raw}}, author = {A, B}}`, 't.bib')).papers[0].title;
}

describe('LaTeX to Unicode in titles, names, venues and abstracts', () => {
  const cases: Array<[string, string]> = [
    ['$350\\,^\\circ\\mathrm{C}$ annealing', '350 °C annealing'], // the thin space, like all spacing, reads as one space in a title
    ['350\\,^{\\circ}C', '350 °C'],
    ['$\\langle$001$\\rangle$ films', '⟨001⟩ films'],
    ['AND\\slash OR trees', 'AND/OR trees'],
    ['$\\pm$ 5 and $a \\leq b$', '± 5 and a ≤ b'],
    ['methodology\\hyphen independent', 'methodology-independent'],
    ['a\\textperiodcentered b', 'a·b'],
    ['$\\overline{x}$ mean', 'x\u0305 mean'],
    ['$x^{2}$ and CO$_{2}$ and $10^{-3}$', 'x² and CO₂ and 10⁻³'],
    ['{\\"o}ber \\"{u} \\c{c} \\v s {\\ss} \\o{} \\aa{} na\\"{\\i}ve', 'öber ü ç š ß ø å naïve'],
    ['$\\alpha$-helix in $\\mu$-scale', 'α-helix in μ-scale'],
    ['\\emph{Emph} \\textbf{bold} \\mathrm{C}', 'Emph bold C'],
    ['10\\% \\& more', '10% & more'],
    ['Cost \\vphantom{\\{} of {\\vphantom{x}}junk', 'Cost of junk'],
    ['The \\TeX book', 'The TeXbook'],
    ['a \\unknowncmd{kept} b \\foo c', 'a kept b c'],
    ['W$\\frac{o}{a}$nder', 'Wo/ander'],
    ['\\href{http://x.org}{the text}', 'the text'],
  ];
  for (const [raw, printed] of cases) {
    it(`${raw} → ${printed}`, () => assert.equal(title(raw), printed));
  }

  it('turns names and venues too, and keeps name structure', () => {
    const paper = runToEnd(parseBibtexSteps('@article{k, title = {T}, author = {M{\\"u}ller, J\\"{o}rg and \\\'Eva \\v{S}t\\\'ep\\\'anek}, journal = {Proc.\\ of $\\mu$Sys \\& \\pm}}', 't.bib')).papers[0];
    assert.deepEqual(paper.authors, [{ family: 'Müller', given: 'Jörg' }, { family: 'Štépánek', given: 'Éva' }]);
    assert.equal(paper.venue, 'Proc. of μSys & ±');
  });

  it('leaves text without commands alone, and the escapes the BibTeX grammar reads itself', () => {
    assert.equal(latexToUnicode('Plain title: 50% off'), 'Plain title: 50% off');
    assert.equal(latexToUnicode('a \\{ b \\} \\% \\$'), 'a \\{ b \\} \\% \\$');
    assert.equal(latexToUnicode('350\\,K'), '350\u2009K');
  });

  it('never leaves a command in a title, whatever follows a backslash', () => {
    for (let code = 32; code < 127; code++) {
      const c = String.fromCharCode(code);
      if ('{}%#'.includes(c)) continue; // these would unbalance or end the field
      const t = title(`x \\${c}word y \\${c}{arg} z`);
      assert.ok(!/\\[A-Za-z]/.test(t), `\\${c}: ${t}`);
    }
  });

  it('uses a table generated from the unicode2latex package, and it is up to date', () => {
    const generator = require(join(process.cwd(), 'scripts', 'generate-latex-table.js')) as { source(): string; OUT: string };
    assert.equal(readFileSync(generator.OUT, 'utf8'), generator.source(), 'run node scripts/generate-latex-table.js');
  });
});
