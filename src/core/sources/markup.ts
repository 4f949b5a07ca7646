/** Removes the HTML-like markup citation-js and CSL use for rich text (<i>, <b>, <sup>, small caps…). */
export function stripMarkup(text: string): string {
  return text
    .replace(/<\/?(?:b|i|em|strong|sup|sub|sc|u|span|nocase)(?:\s[^<>]*)?>/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
}
