import { observeSlices } from '../../core/slices';

/** How often the watch timer asks to run; how late it runs is how long the host was busy. */
export const TICK_MS = 10;

export interface LoopLagReport {
  /** The longest the host's event loop was kept from running a due timer. */
  longestMs: number;
  /** The 99th percentile of those delays. */
  p99Ms: number;
  /** The same, less the time the thread was off the CPU (waiting for a core, or blocked in a system call): what work on the thread caused. Undefined where the host cannot tell. */
  p99OnCpuMs?: number;
  samples: number;
  /** The last progress message before the longest delay ("the start" before the first one). */
  longestDuring: string;
  /** When the longest delay ended, in ms since the watch started. */
  longestEndedMs: number;
  /** How much of the longest delay LitNotes' own work filled (the rest was other extensions, VS Code, or the machine). */
  longestOursMs: number;
  /** How much of it was garbage collection (Node hosts; the heap is shared, so not necessarily ours). */
  longestGcMs?: number;
  /**
   * How much of it the thread was off the CPU: waiting for a core (other
   * threads and processes had them) or blocked in a system call (starting a
   * child process waits for it to start, for one).
   */
  longestOffCpuMs?: number;
  /** The longest delay that LitNotes' own work filled at least half of (0 when none did). */
  longestMostlyOursMs: number;
  /** LitNotes' longest single block of work on the thread while watched (a slice, a worker's reply, a bundle load). */
  ownLongestMs: number;
  /** What that block was, and the progress message before it. */
  ownLongestWhat: string;
  /** How much of that block the thread was on the CPU (the rest it waited for a core), where the host can tell. */
  ownLongestOnCpuMs?: number;
  /** How much of that block was garbage collection (a large allocation can start one), where the host reports it. */
  ownLongestGcMs?: number;
  /**
   * The delays longer than the timer's own period (the p99 goal is that 99%
   * are not), by the stage of the load they came in (its progress message
   * with the numbers left out), most first; per stage, how many of them LitNotes'
   * own work, garbage collection, or time off the CPU filled at least half of.
   */
  overTick: LagStage[];
}

/** Delays over the timer's period in one stage of a load. */
export interface LagStage {
  stage: string;
  count: number;
  mostlyOurs: number;
  mostlyGc: number;
  mostlyOffCpu: number;
}

/** The host thread's own CPU time in ms, where Node can tell (process.threadCpuUsage, Node 23.9+). */
function threadCpuMs(): number | undefined {
  const usage = (globalThis as { process?: { threadCpuUsage?: () => { user: number; system: number } } }).process?.threadCpuUsage?.();
  return usage ? (usage.user + usage.system) / 1000 : undefined;
}

/** Garbage collections as [start, end] (`performance.now()` times), while `stop` is not called; undefined where the host does not report them. */
function watchGc(): { pauses: Array<[number, number]>; stop: () => void } | undefined {
  const Observer = (globalThis as { PerformanceObserver?: typeof PerformanceObserver }).PerformanceObserver;
  if (!Observer?.supportedEntryTypes?.includes('gc')) return undefined;
  const pauses: Array<[number, number]> = [];
  const observer = new Observer((list) => {
    for (const e of list.getEntries()) pauses.push([e.startTime, e.startTime + e.duration]);
  });
  observer.observe({ entryTypes: ['gc'] });
  return { pauses, stop: () => observer.disconnect() };
}

/** How much of [from, to] the intervals cover (they do not overlap each other). */
function overlap(intervals: ReadonlyArray<[number, number]>, from: number, to: number): number {
  let total = 0;
  for (const [start, end] of intervals) total += Math.max(0, Math.min(end, to) - Math.max(start, from));
  return total;
}

/** The watch running now: `ownWork` tells it of our own synchronous work. */
let watching: LoopLag | undefined;

/**
 * Runs `work` (synchronous) as LitNotes' own work for the event-loop watch,
 * so a delay it causes is told apart from a delay another extension causes.
 * `runInSlices` reports its slices the same way (core/slices.ts).
 */
export function ownWork<T>(what: string, work: () => T): T {
  const done = watching?.starts(what);
  try {
    return work();
  } finally {
    done?.();
  }
}

/**
 * Watches the extension host's event loop while a library load runs, with a
 * timer of its own: every other extension shares this thread, so how late
 * the timer fires is how long they would have waited. Reported in the log
 * after each load, where a user (and the host benchmark) can read it.
 *
 * The thread is shared, so a delay is not necessarily ours: at a window's
 * start other extensions activate on it too. The watch is told when our own
 * work ran (`ownWork`, and every `runInSlices` slice), and says how much of
 * each delay that was. What it is not told of (our code between awaits, the
 * copying of a worker's message before its handler runs) counts as not ours,
 * so "ours" is a lower bound.
 */
export class LoopLag {
  private readonly delays: number[] = [];
  /** Each delay less the time the thread was off the CPU, where that is known. */
  private readonly onCpuDelays: number[] = [];
  private readonly started = performance.now();
  private last = this.started;
  private lastCpu = threadCpuMs();
  private phase = 'the start';
  private longest = { ms: -1, during: '', endedMs: 0, oursMs: 0, offCpuMs: undefined as number | undefined, from: 0, to: 0 };
  private readonly gc = watchGc();
  private longestMostlyOurs = 0;
  /** Our work since the last tick, as [start, end] intervals. */
  private own: Array<[number, number]> = [];
  private ownLongest = { ms: 0, what: '', onCpuMs: undefined as number | undefined, from: 0, to: 0 };
  /** The delays over TICK_MS, classified at `stop` (a collection is reported a turn or two after it ran). */
  private readonly overTick: Array<{ stage: string; from: number; to: number; ours: number; offCpu: number }> = [];
  private readonly timer = setInterval(() => this.tick(), TICK_MS);

  constructor() {
    watching = this;
    observeSlices(() => this.starts('a slice'));
  }

  /**
   * Names what the load does from now on, so the report can say where the
   * longest delay was. Takes no sample: only the timer's own ticks count
   * (a load reports progress after each slice, and a sample taken then, right
   * after the host was let go, would be one more zero in the percentiles).
   */
  mark(phase: string): void {
    this.phase = phase;
  }

  /** Our own work (`what`) starts now; call the function returned when it ends. */
  starts(what: string): () => void {
    const start = performance.now();
    const startCpu = threadCpuMs();
    return () => {
      const end = performance.now();
      const cpu = threadCpuMs();
      this.own.push([start, end]);
      if (end - start > this.ownLongest.ms) {
        this.ownLongest = { ms: end - start, what: `${what} after "${this.phase}"`, onCpuMs: cpu === undefined || startCpu === undefined ? undefined : cpu - startCpu, from: start, to: end };
      }
    };
  }

  private tick(): void {
    const now = performance.now();
    // The timer was due at last + TICK_MS; from then until now the thread did something else.
    const due = this.last + TICK_MS;
    const delay = Math.max(0, now - due);
    const ours = overlap(this.own, due, now);
    this.own = [];
    // The thread's CPU time since the last tick: what it did not run of the delay, it was off the CPU.
    const cpu = threadCpuMs();
    const offCpu = cpu === undefined || this.lastCpu === undefined ? undefined : Math.max(0, delay - (cpu - this.lastCpu));
    this.lastCpu = cpu;
    this.delays.push(delay);
    if (offCpu !== undefined) this.onCpuDelays.push(delay - offCpu);
    if (delay > this.longest.ms) this.longest = { ms: delay, during: this.phase, endedMs: now - this.started, oursMs: ours, offCpuMs: offCpu, from: due, to: now };
    if (ours * 2 >= delay) this.longestMostlyOurs = Math.max(this.longestMostlyOurs, delay);
    // "indexing 32768/100076" and "indexing 65536/100076" are one stage.
    if (delay > TICK_MS) this.overTick.push({ stage: this.phase.replace(/\d+/g, 'n'), from: due, to: now, ours, offCpu: offCpu ?? 0 });
    this.last = now;
  }

  /** The delays over TICK_MS by stage, most first. */
  private overTickByStage(): LagStage[] {
    const stages = new Map<string, LagStage>();
    for (const { stage, from, to, ours, offCpu } of this.overTick) {
      const counts = stages.get(stage) ?? { stage, count: 0, mostlyOurs: 0, mostlyGc: 0, mostlyOffCpu: 0 };
      const half = (to - from) / 2;
      counts.count++;
      if (ours >= half) counts.mostlyOurs++;
      if (this.gc && overlap(this.gc.pauses, from, to) >= half) counts.mostlyGc++;
      if (offCpu >= half) counts.mostlyOffCpu++;
      stages.set(stage, counts);
    }
    return [...stages.values()].sort((a, b) => b.count - a.count);
  }

  stop(): LoopLagReport {
    if (watching === this) {
      watching = undefined;
      observeSlices(undefined);
    }
    clearInterval(this.timer);
    // The time since the last tick counts too: a load that ends in one long block would otherwise report none.
    this.tick();
    this.gc?.stop();
    return {
      longestMs: this.longest.ms,
      p99Ms: p99(this.delays) ?? 0,
      p99OnCpuMs: p99(this.onCpuDelays),
      longestGcMs: this.gc && overlap(this.gc.pauses, this.longest.from, this.longest.to),
      longestOffCpuMs: this.longest.offCpuMs,
      samples: this.delays.length,
      longestDuring: this.longest.during,
      longestEndedMs: this.longest.endedMs,
      longestOursMs: this.longest.oursMs,
      longestMostlyOursMs: this.longestMostlyOurs,
      ownLongestMs: this.ownLongest.ms,
      ownLongestWhat: this.ownLongest.what,
      ownLongestOnCpuMs: this.ownLongest.onCpuMs,
      ownLongestGcMs: this.gc && overlap(this.gc.pauses, this.ownLongest.from, this.ownLongest.to),
      overTick: this.overTickByStage(),
    };
  }
}

function p99(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
}
