/**
 * The CSL styles and locales that ship in media/csl, and how the
 * `litnotes.citationStyle` setting names them. Small and free of citeproc,
 * so the main bundle can hold it.
 */

export interface ShippedStyle {
  /** The setting's value; the file is `media/csl/styles/<id>.csl`. */
  id: string;
  label: string;
  /** Other names a user may write (`acm`, `harvard`, …). */
  aliases: string[];
}

export const SHIPPED_STYLES: readonly ShippedStyle[] = [
  { id: 'apa', label: 'APA 7th edition', aliases: [] },
  { id: 'chicago-author-date', label: 'Chicago Manual of Style 18th edition (author-date)', aliases: ['chicago'] },
  { id: 'ieee', label: 'IEEE', aliases: [] },
  { id: 'vancouver', label: 'Vancouver (NLM, Citing Medicine 2nd edition)', aliases: ['nlm-citation-sequence', 'nlm'] },
  { id: 'harvard-cite-them-right', label: 'Harvard (Cite Them Right 12th edition)', aliases: ['harvard', 'harvard1'] },
  { id: 'nature', label: 'Nature', aliases: [] },
  { id: 'association-for-computing-machinery', label: 'ACM (Association for Computing Machinery)', aliases: ['acm'] },
];

export const DEFAULT_STYLE = 'apa';

/** CSL locales in media/csl/locales; en-US is the fallback for every other language. */
export const SHIPPED_LOCALES: readonly string[] = ['en-US', 'de-DE', 'es-ES', 'fr-FR', 'nl-NL'];

/** The shipped style a setting value names (its id, an alias, or its Zotero style URL), if any. */
export function shippedStyle(value: string): ShippedStyle | undefined {
  const name = value.trim().toLowerCase().replace(/^https?:\/\/www\.zotero\.org\/styles\//, '').replace(/\.csl$/, '');
  return SHIPPED_STYLES.find((s) => s.id === name || s.aliases.includes(name));
}

/** Whether a setting value names a `.csl` file rather than a shipped style. */
export function isStyleFile(value: string): boolean {
  return (/\.csl$/i.test(value.trim()) && !shippedStyle(value)) || /[\\/]/.test(value);
}

/**
 * The CSL locale for a VS Code display language (`de`, `pt-br`, `en`): the
 * shipped locale of that language, else en-US.
 */
export function localeFor(displayLanguage: string): string {
  const [language, region] = displayLanguage.toLowerCase().split(/[-_]/);
  const exact = SHIPPED_LOCALES.find((l) => l.toLowerCase() === `${language}-${region}`);
  return exact ?? SHIPPED_LOCALES.find((l) => l.toLowerCase().startsWith(`${language}-`)) ?? 'en-US';
}
