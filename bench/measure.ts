/** Timing, heap and event-loop helpers for the benchmark. */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export const now = (): number => performance.now();

/** Runs `fn` once and returns its result with the elapsed milliseconds. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = now();
  const value = fn();
  return { value, ms: now() - t0 };
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = now();
  const value = await fn();
  return { value, ms: now() - t0 };
}

/** Nearest-rank percentile of unsorted samples (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function distribution(samples: readonly number[]): Distribution {
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : NaN,
    mean: samples.length ? sum / samples.length : NaN,
  };
}

declare const gc: undefined | (() => void);

export function hasGc(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

/** A full collection (twice, so weak callbacks and finalizers settle). */
export function forceGc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

export const MB = 1024 * 1024;

/** Memory the program holds: JS heap plus typed-array buffers (where the index keeps its postings), in bytes. */
export function heldMemory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Memory held after a forced GC, in bytes (JS heap + typed-array buffers). */
export function retainedHeap(): number {
  forceGc();
  return heldMemory();
}

/** Tracks the largest heapUsed / RSS seen at the checkpoints it is given (and on its own timer while the loop is free). */
export class PeakTracker {
  heapUsed = 0;
  rss = 0;
  private timer?: NodeJS.Timeout;

  sample(): void {
    const held = heldMemory();
    if (held > this.heapUsed) this.heapUsed = held;
    const rss = process.memoryUsage().rss;
    if (rss > this.rss) this.rss = rss;
  }

  start(intervalMs = 20): void {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }
}

/** Peak resident set size of this process so far, from the OS (bytes). */
export function maxRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Watches the event loop while async work runs: a 1 ms interval records the
 * gap between its ticks (the longest gap, minus the interval, is the longest
 * time the loop was blocked), and perf_hooks' delay histogram is kept as a
 * cross-check.
 */
export class LoopMonitor {
  private last = 0;
  private maxGap = 0;
  private gaps: number[] = [];
  private timer?: NodeJS.Timeout;
  private readonly histogram = monitorEventLoopDelay({ resolution: 1 });

  start(): void {
    this.histogram.enable();
    this.last = now();
    this.timer = setInterval(() => {
      const t = now();
      const gap = t - this.last;
      this.last = t;
      this.gaps.push(gap);
      if (gap > this.maxGap) this.maxGap = gap;
    }, 1);
  }

  stop(): { maxBlockMs: number; histogramMaxMs: number; blocksOver50ms: number; ticks: number } {
    if (this.timer) clearInterval(this.timer);
    this.histogram.disable();
    // The final stretch (from the last tick to stop) is a block too.
    const tail = now() - this.last;
    if (tail > this.maxGap) this.maxGap = tail;
    this.gaps.push(tail);
    return {
      maxBlockMs: Math.max(0, this.maxGap - 1),
      histogramMaxMs: this.histogram.max / 1e6,
      blocksOver50ms: this.gaps.filter((g) => g - 1 > 50).length,
      ticks: this.gaps.length,
    };
  }
}

export const fmtMs = (ms: number): string =>
  !Number.isFinite(ms) ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;

export const fmtBytes = (b: number): string =>
  !Number.isFinite(b) ? 'n/a' : b >= MB ? `${(b / MB).toFixed(1)} MB` : b >= 1024 ? `${(b / 1024).toFixed(1)} KB` : `${b} B`;

export const fmtRatio = (r: number): string => (!Number.isFinite(r) ? 'n/a' : r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(2)}×`);
