/**
 * Author names as sources write them, coerced to `Author`: CSL name objects,
 * `{family, given}` objects in notes and metadata, and names written as text.
 */
import type { Author } from '../model';
import { stripMarkup } from './markup';

/**
 * One name to an Author: text ("Given Family" or "Family, Given") or an
 * object with CSL's fields (family, given, particles, suffix, literal) or a
 * `name` written as text. Undefined when it holds no name.
 */
export function toAuthor(name: unknown): Author | undefined {
  if (typeof name === 'string') {
    return parseName(stripMarkup(name));
  }
  if (!name || typeof name !== 'object' || Array.isArray(name)) {
    return undefined;
  }
  const n = name as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? stripMarkup(v) : '');
  const family = [text(n['non-dropping-particle']), text(n.family), text(n.suffix)].filter(Boolean).join(' ');
  const given = [text(n.given), text(n['dropping-particle'])].filter(Boolean).join(' ');
  if (family) {
    return given ? { family, given } : { family };
  }
  // An institution or a name CSL keeps whole.
  const literal = text(n.literal);
  if (literal) {
    return { family: literal };
  }
  const written = text(n.name);
  if (written) {
    return parseName(written);
  }
  return given ? { family: given } : undefined;
}

/**
 * Splits one string of names: on " and " or ";" first; otherwise on commas
 * when every comma-separated part looks like a full name ("Ada Lovelace,
 * Alan Turing"), and not when it reads as "Family, Given".
 */
export function splitNameList(text: string): string[] {
  const parts = text.split(/\s+and\s+|;/).map((s) => s.trim()).filter(Boolean);
  if (parts.length > 1) {
    return parts;
  }
  const commaParts = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (commaParts.length > 1 && commaParts.every((p) => /\s/.test(p))) {
    return commaParts;
  }
  return parts;
}

/** "Given Family" or "Family, Given" → Author. */
export function parseName(text: string): Author | undefined {
  const name = text.replace(/\s+/g, ' ').trim();
  if (!name) {
    return undefined;
  }
  const comma = name.indexOf(',');
  if (comma >= 0) {
    const family = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim();
    if (family) {
      return given ? { family, given } : { family };
    }
    return given ? { family: given } : undefined;
  }
  const words = name.split(' ');
  if (words.length === 1) {
    return { family: name };
  }
  // Lower-case particles (van, von, de, da, ...) belong to the family name.
  let start = words.length - 1;
  while (start > 1 && /^[a-z]/.test(words[start - 1])) {
    start--;
  }
  return { family: words.slice(start).join(' '), given: words.slice(0, start).join(' ') };
}
