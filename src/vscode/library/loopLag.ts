/** How often the watch timer asks to run; how late it runs is how long the host was busy. */
const TICK_MS = 10;

export interface LoopLagReport {
  /** The longest the host's event loop was kept from running a due timer. */
  longestMs: number;
  /** The 99th percentile of those delays. */
  p99Ms: number;
  samples: number;
  /** The last progress message before the longest delay ("the start" before the first one). */
  longestDuring: string;
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
  private phase = 'the start';
  private longest = { ms: -1, during: '' };
  private readonly timer = setInterval(() => this.tick(), TICK_MS);

  /**
   * Names what the load does from now on, so the report can say where the
   * longest delay was. Takes no sample: only the timer's own ticks count
   * (a load reports progress after each slice, and a sample taken then, right
   * after the host was let go, would be one more zero in the percentiles).
   */
  mark(phase: string): void {
    this.phase = phase;
  }

  private tick(): void {
    const now = performance.now();
    const delay = Math.max(0, now - this.last - TICK_MS);
    this.delays.push(delay);
    if (delay > this.longest.ms) this.longest = { ms: delay, during: this.phase };
    this.last = now;
  }

  stop(): LoopLagReport {
    clearInterval(this.timer);
    // The time since the last tick counts too: a load that ends in one long block would otherwise report none.
    this.tick();
    const sorted = [...this.delays].sort((a, b) => a - b);
    return {
      longestMs: this.longest.ms,
      p99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))],
      samples: sorted.length,
      longestDuring: this.longest.during,
    };
  }
}
