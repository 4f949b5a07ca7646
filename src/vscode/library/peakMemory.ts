/**
 * The extension host's peak resident memory so far, for the log: " (peak RSS 812 MB)".
 * Node hosts only (a web worker host has no process); empty where unknown.
 */
export function peakMemoryNote(): string {
  const usage = (globalThis as { process?: { resourceUsage?: () => { maxRSS: number } } }).process?.resourceUsage?.();
  return usage ? ` (peak RSS ${Math.round(usage.maxRSS / 1024)} MB)` : '';
}
