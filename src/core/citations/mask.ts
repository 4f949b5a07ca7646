/**
 * Blanks ranges of text with spaces, keeping its length and line breaks, so
 * offsets in the masked text are offsets in the original. Scanners mask
 * code, comments and URLs first, then look for citations in what is left.
 */
export class Masker {
  private readonly chars: string[];

  constructor(readonly text: string) {
    this.chars = text.split(''); // UTF-16 code units, as offsets count
  }

  blank(start: number, end: number): void {
    for (let i = Math.max(0, start); i < Math.min(end, this.chars.length); i++) {
      if (this.chars[i] !== '\n' && this.chars[i] !== '\r') this.chars[i] = ' ';
    }
  }

  result(): string {
    return this.chars.join('');
  }
}

/** Offsets where each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Bare URLs: an `@` in one (`https://host/@user`) is never a citation. */
export const URL_PATTERN = /\b(?:https?|ftp|file):\/\/[^\s<>"'`\])]*|\bwww\.[^\s<>"'`\])]+|\bmailto:[^\s<>"'`\])]+/g;

export function blankUrls(masker: Masker, text: string): void {
  for (const m of text.matchAll(URL_PATTERN)) masker.blank(m.index ?? 0, (m.index ?? 0) + m[0].length);
}
