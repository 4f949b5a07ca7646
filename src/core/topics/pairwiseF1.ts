/**
 * Pairwise F1 of a grouping against reference labels: over all pairs of
 * items, precision is the share of pairs grouped together that share a label,
 * recall the share of pairs sharing a label that are grouped together. Items
 * predicted as `unplaced` (for example "other") count as groups of their own,
 * so leaving papers out never helps.
 */
export function pairwiseF1(labels: readonly string[], predicted: readonly string[], unplaced?: string): { precision: number; recall: number; f1: number } {
  let together = 0;
  let sameLabel = 0;
  let both = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const same = labels[i] === labels[j];
      const grouped = predicted[i] === predicted[j] && predicted[i] !== unplaced;
      if (same) sameLabel++;
      if (grouped) together++;
      if (same && grouped) both++;
    }
  }
  const precision = together === 0 ? 0 : both / together;
  const recall = sameLabel === 0 ? 0 : both / sameLabel;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
