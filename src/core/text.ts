/** Small text helpers shared by keys, merging and search. */

const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', þ: 'th', œ: 'oe', Œ: 'OE', ı: 'i',
};

const NON_ASCII = /[^\x00-\x7f]/;

/** Folds accents and special letters to ASCII ("Müller" → "Muller"). */
export function foldToAscii(text: string): string {
  // ASCII text has nothing to fold (most titles and names): no copies, no Unicode normalisation.
  if (!NON_ASCII.test(text)) return text;
  return text
    .replace(/[ßæÆøØłŁđĐþœŒı]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** A title reduced for duplicate detection: ASCII, lower case, letters and digits only. */
export function normalizeTitle(title: string): string {
  return foldToAscii(title).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** 32-bit FNV-1a hash as 8 hex digits: stable across runs, machines and hosts. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export const STOP_WORDS = new Set(
  ('a an and are as at be but by can do does for from has have how in into is it its of on or our '
    + 'that the their this to towards toward via vs was we what when where which while who why will with '
    + 'without you your not no than then these those there here all any more most less very using use')
    .split(' '),
);
