/**
 * Repeated timings of the pipeline and the pandas peer (bench --repeat N): on a shared machine
 * one run of either can be seconds off (the peer took 14-21 s in one evening), so the bench
 * alternates them N times and compares their medians, printing each one's range beside it.
 */

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "median of 3 runs: 23.8–27.5 s", or null for a single run (nothing to say). */
export function describeRuns(seconds: readonly number[]): string | null {
  if (seconds.length < 2) return null;
  return `median of ${seconds.length} runs: ${Math.min(...seconds).toFixed(1)}–${Math.max(...seconds).toFixed(1)} s`;
}

/** User plus system CPU seconds from `/usr/bin/time -v`'s report, or null when it has none. */
export function parseTimeVerboseCpuSeconds(stderr: string): number | null {
  const user = /User time \(seconds\):\s*([\d.]+)/.exec(stderr);
  const system = /System time \(seconds\):\s*([\d.]+)/.exec(stderr);
  return user && system ? Number(user[1]) + Number(system[1]) : null;
}

/** `--repeat`'s value: a whole number of runs from 1 to 10. */
export function parseRepeat(value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10) throw new Error(`--repeat expects a whole number of runs from 1 to 10, got "${value ?? ""}"`);
  return n;
}
