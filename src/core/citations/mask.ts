/**
 * Blanks ranges of text with spaces, keeping its length and line breaks, so
 * offsets in the masked text are offsets in the original. Scanners mask
 * code, comments and URLs first, then look for citations in what is left.
 */
export class Masker {
  private ranges: Array<[number, number]> = [];
  private cached?: string;

  constructor(readonly text: string) {}

  blank(start: number, end: number): void {
    const from = Math.max(0, start);
    const to = Math.min(end, this.text.length);
    if (to <= from) return;
    this.ranges.push([from, to]);
    this.cached = undefined;
  }

  /** The text with every blanked range turned to spaces (built from slices: a large document costs a few copies, not a loop per character). */
  result(): string {
    if (this.cached !== undefined) return this.cached;
    const ranges = this.ranges.sort((a, b) => a[0] - b[0]);
    const parts: string[] = [];
    let at = 0;
    for (const [from, to] of ranges) {
      if (to <= at) continue;
      const start = Math.max(from, at);
      parts.push(this.text.slice(at, start), this.text.slice(start, to).replace(/[^\r\n]/g, ' '));
      at = to;
    }
    parts.push(this.text.slice(at));
    this.cached = parts.join('');
    return this.cached;
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
