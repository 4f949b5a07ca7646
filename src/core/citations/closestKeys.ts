/**
 * Edit distance between two keys, or `max + 1` as soon as it must exceed
 * `max` (only a band of the table is filled, so a library-wide scan is cheap).
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(max + 1);
    current[0] = i;
    let best = current[0];
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j - 1] + cost, previous[j] + 1, current[j - 1] + 1);
      if (current[j] < best) best = current[j];
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return Math.min(previous[b.length], max + 1);
}

/** Keys within a few edits of `key` (about a third of its length), nearest first. */
export function nearKeys(key: string, keys: Iterable<string>, limit = 5): string[] {
  const max = Math.max(1, Math.min(4, Math.floor(key.length / 3)));
  const found: Array<[string, number]> = [];
  const lower = key.toLowerCase();
  for (const candidate of keys) {
    const distance = boundedEditDistance(lower, candidate.toLowerCase(), max);
    if (distance <= max && candidate !== key) found.push([candidate, distance]);
  }
  return found.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).slice(0, limit).map(([k]) => k);
}

/** The words of a key as a search query: `frantar2023sparsegpt` → `frantar 2023 sparsegpt`. */
export function keyWords(key: string): string {
  return key
    .replace(/([\p{Ll}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})|(\p{N})(\p{L})/gu, (_, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Keys to offer for an unknown key: near misses by edit distance first,
 * then the best hits of searching the key's words (`searchKeys`), without repeats.
 */
export function closestKeys(key: string, allKeys: Iterable<string>, searchKeys: (query: string) => string[], limit = 5): string[] {
  const out = nearKeys(key, allKeys, limit);
  const words = keyWords(key);
  if (words) for (const found of searchKeys(words)) if (out.length < limit && found !== key && !out.includes(found)) out.push(found);
  return out;
}
