import { type DiscoverablePaper, forEachStem, stemCounts } from './features';

/**
 * Why a paper is in a discovered topic: the topic's defining words (or
 * phrases) that the paper uses, by stem ("bleached" counts for "bleaching").
 * Empty when it shares none of them, which happens for a paper placed by
 * its overall closeness rather than by a defining word.
 */
export function sharedWords(paper: DiscoverablePaper, words: readonly string[]): string[] {
  const own = stemCounts(paper);
  return words.filter((word) => {
    const stems: string[] = [];
    forEachStem(word, (stem) => stems.push(stem));
    return stems.length > 0 && stems.every((s) => own.has(s));
  });
}
