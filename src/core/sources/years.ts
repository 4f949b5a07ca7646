/** Publication years, from whatever a source writes for one. */

/** The first plausible four-digit year in a text. */
export function yearFromText(text: string): number | undefined {
  const m = /(?:^|[^\d])(\d{4})(?!\d)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * The year a value gives: a whole number, a Date, text holding a four-digit
 * year, or a CSL date (date-parts, raw, literal, season). Undefined when it
 * gives none; the caller says what was wrong.
 */
export function yearOf(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return wholeYear(value);
  }
  if (typeof value === 'string') {
    return yearFromText(value);
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.getUTCFullYear();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const d = value as Record<string, unknown>;
  const parts = d['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0]) && parts[0].length > 0) {
    const y = wholeYear(Number(parts[0][0]));
    if (y !== undefined) {
      return y;
    }
  }
  for (const field of ['raw', 'literal', 'season']) {
    if (typeof d[field] === 'string' || typeof d[field] === 'number') {
      const y = yearFromText(String(d[field]));
      if (y !== undefined) {
        return y;
      }
    }
  }
  return undefined;
}

function wholeYear(y: number): number | undefined {
  return Number.isInteger(y) && y > 0 && y < 10000 ? y : undefined;
}
