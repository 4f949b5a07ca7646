/** How often the watch timer asks to run; how late it runs is how long the host was busy. */
const TICK_MS = 10;

export interface LoopLagReport {
  /** The longest the host's event loop was kept from running a due timer. */
  longestMs: number;
  /** The 99th percentile of those delays. */
  p99Ms: number;
  samples: number;
}

/**
 * Watches the extension host's event loop while a library load runs, with a
 * timer of its own: every other extension shares this thread, so how late
 * the timer fires is how long they would have waited. Reported in the log
 * after each load, where a user (and the host benchmark) can read it.
 */
export class LoopLag {
  private readonly delays: number[] = [];
  private last = performance.now();
  private readonly timer = setInterval(() => {
    const now = performance.now();
    this.delays.push(Math.max(0, now - this.last - TICK_MS));
    this.last = now;
  }, TICK_MS);

  stop(): LoopLagReport {
    clearInterval(this.timer);
    // The time since the last tick counts too: a load that ends in one long block would otherwise report none.
    this.delays.push(Math.max(0, performance.now() - this.last - TICK_MS));
    const sorted = this.delays.sort((a, b) => a - b);
    return {
      longestMs: sorted[sorted.length - 1],
      p99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))],
      samples: sorted.length,
    };
  }
}
