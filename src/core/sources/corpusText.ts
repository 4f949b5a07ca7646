/**
 * Cleaning the corpus format's titles and abstracts: LaTeX that a
 * paper-listing page left without its backslashes or braces, and the code
 * link an abstract mentions.
 */

/** LaTeX text commands whose argument is kept and whose name is dropped. */
const TEXT_COMMANDS = 'textbf|textit|textsc|texttt|textrm|emph|mathrm|mathbf|mathit|mathsf|mathtt|text';

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ',
};

function toSuperscript(s: string): string | undefined {
  let out = '';
  for (const ch of s) {
    const sup = SUPERSCRIPT[ch];
    if (sup === undefined) return undefined;
    out += sup;
  }
  return out;
}

/**
 * Repairs the text artifacts a paper-listing page leaves in titles and
 * abstracts (LaTeX that lost its backslashes or braces):
 *
 * - `\textbf{Lved}` / `\textbfLved` → `Lved`; other stray `{word}` braces dropped
 * - `https://github.com/x/y{here}` → `https://github.com/x/y`
 * - `\%` → `%`; `sim50\%` → `~50%`; `geq 50%` → `≥ 50%`
 * - `3times` / `3\times` → `3×`
 * - `1{16}` (a `\frac` without its command) → `1/16`
 * - `Oleft(n^{1.5}dright)` → `O(n^1.5 d)`; `S^{2}FT` → `S²FT`; `n^2d` → `n²d`
 */
export function cleanCorpusText(input: string): string {
  let s = input;
  // Link text that was glued to the URL it linked: `...seco{here}`.
  s = s.replace(/(https?:\/\/[^\s{}]+)\{(?:here|link|this link|url|code)\}/gi, '$1');
  // Text commands: with their braces, then the brace-less leftovers.
  s = s.replace(new RegExp(`\\\\(?:${TEXT_COMMANDS})\\{([^{}]*)\\}`, 'g'), '$1');
  s = s.replace(new RegExp(`\\\\(?:${TEXT_COMMANDS})(?=[A-Za-z{])`, 'g'), '');
  s = s.replace(/\\frac\{([^{}]+)\}\{([^{}]+)\}/g, '$1/$2');
  // Escaped specials.
  s = s.replace(/\\([%&_#$])/g, '$1');
  // Relations and `times` that lost their backslash, only next to numbers.
  s = s.replace(/\\?\bsim\s?(?=\d|\.\d)/g, '~');
  s = s.replace(/\\?\bgeq\s?(?=[\d~.])/g, '≥ ');
  s = s.replace(/\\?\bleq\s?(?=[\d~.])/g, '≤ ');
  s = s.replace(/\\?\bapprox\s?(?=[\d~.])/g, '≈ ');
  s = s.replace(/(\d)\s?\\times\b\s?/g, '$1× ');
  s = s.replace(/(\d)times\b/g, '$1×');
  // `1{16}`: a fraction whose `\frac` and first braces were lost.
  s = s.replace(/(\d+)\{(\d+)\}/g, '$1/$2');
  // `Oleft(n^2dright)` → `O(n^2d)`: only a left/right pair within one span.
  s = s.replace(/\\?left([(\[|])([^\n]{0,80}?)\\?right([)\]|])/g, '$1$2$3');
  // Braced exponents: `S^{2}FT` → `S²FT`; `n^{1.5}d` → `n^1.5 d`.
  s = s.replace(/([A-Za-z0-9)\]])\^\{([^{}]{1,16})\}/g, (_m, base: string, exp: string, offset: number, whole: string) => {
    const sup = toSuperscript(exp);
    if (sup !== undefined) return base + sup;
    const next = whole.charAt(offset + _m.length);
    return `${base}^${exp}${/[A-Za-z0-9]/.test(next) ? ' ' : ''}`;
  });
  // Bare digit exponents on a letter: `n^2d` → `n²d`, `D^2MoE` → `D²MoE`.
  s = s.replace(/([A-Za-z)\]])\^(\d+)(?![\d.])/g, (_m, base: string, exp: string) => base + (toSuperscript(exp) ?? `^${exp}`));
  // Remaining stray braces around plain text: `{in size}` → `in size`.
  s = s.replace(/\{([^{}\n]{1,80})\}/g, '$1');
  // Whitespace.
  s = s.replace(/\s+/g, ' ').trim();
  return s;
}

const CODE_HOSTS = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co|hf\.co)\/\S+/i;

/** The first GitHub, GitLab or Hugging Face link in `text`, without trailing punctuation. */
export function findCodeUrl(text: string): string | undefined {
  const urls = text.match(/https?:\/\/[^\s<>"'{}]+/g) ?? [];
  for (const raw of urls) {
    const url = raw.replace(/[.,;:!?)\]}'"]+$/, '').replace(/\/+$/, '');
    if (CODE_HOSTS.test(url)) return url;
  }
  return undefined;
}
