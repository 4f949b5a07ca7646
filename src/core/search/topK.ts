/**
 * The best `limit` of a stream of scored items, kept in a binary min-heap,
 * so ranking a query costs O(n log limit) instead of sorting every match.
 * Ties go to the item offered first.
 */
export class TopK<T> {
  private readonly scores: number[] = [];
  private readonly orders: number[] = [];
  private readonly items: T[] = [];
  private offered = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.items.length;
  }

  /** True when a score this high would be kept (lets callers skip building the item). */
  accepts(score: number): boolean {
    return this.limit > 0 && (this.items.length < this.limit || score > this.scores[0]);
  }

  offer(score: number, item: T): void {
    const order = this.offered++;
    if (!this.accepts(score)) return;
    if (this.items.length < this.limit) {
      this.scores.push(score);
      this.orders.push(order);
      this.items.push(item);
      this.up(this.items.length - 1);
    } else {
      this.scores[0] = score;
      this.orders[0] = order;
      this.items[0] = item;
      this.down(0);
    }
  }

  /** The kept items, best first. */
  sorted(): { score: number; item: T }[] {
    return this.items
      .map((item, i) => ({ score: this.scores[i], order: this.orders[i], item }))
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .map(({ score, item }) => ({ score, item }));
  }

  /** Whether slot a ranks below slot b (a lower score, or the same score offered later). */
  private below(a: number, b: number): boolean {
    return this.scores[a] < this.scores[b] || (this.scores[a] === this.scores[b] && this.orders[a] > this.orders[b]);
  }

  private swap(a: number, b: number): void {
    [this.scores[a], this.scores[b]] = [this.scores[b], this.scores[a]];
    [this.orders[a], this.orders[b]] = [this.orders[b], this.orders[a]];
    [this.items[a], this.items[b]] = [this.items[b], this.items[a]];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.below(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let lowest = i;
      if (l < this.items.length && this.below(l, lowest)) lowest = l;
      if (r < this.items.length && this.below(r, lowest)) lowest = r;
      if (lowest === i) return;
      this.swap(i, lowest);
      i = lowest;
    }
  }
}
