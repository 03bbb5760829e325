/** The benchmark's printed summary: every measure beside its target, met or MISSED. */

export type Unit = "s" | "ms" | "MB" | "KB" | "×" | "";

/** One measure. `limit` is its target (value ≤ limit); none: printed for reference. */
export interface Check {
  label: string;
  value: number | null;
  unit: Unit;
  limit?: number;
  /** Said after the value: what it is relative to, or why it is missing. */
  note?: string;
}

export interface Section {
  title: string;
  checks: Check[];
  /** Said instead of the checks when the part was not run. */
  skipped?: string;
}

export interface BenchReport {
  machine: string;
  sections: Section[];
}

function amount(value: number, unit: Unit): string {
  const digits = unit === "ms" || unit === "KB" ? 0 : unit === "" ? 0 : 2;
  return `${value.toLocaleString("en-US", {minimumFractionDigits: digits, maximumFractionDigits: digits})}${unit ? ` ${unit}` : ""}`;
}

/** null when the check has no target, else whether it is met (a missing value misses it). */
export function met(c: Check): boolean | null {
  if (c.limit === undefined) return null;
  return c.value !== null && c.value <= c.limit;
}

export function formatCheck(c: Check): string {
  const value = c.value === null ? "n/a" : amount(c.value, c.unit);
  const note = c.note ? ` (${c.note})` : "";
  const ok = met(c);
  const target = c.limit === undefined ? "" : ` — target ≤ ${amount(c.limit, c.unit)}: ${ok ? "met" : "MISSED"}`;
  return `  ${c.label.padEnd(44)} ${value}${note}${target}`;
}

export function formatReport(r: BenchReport): string {
  const lines = [`benchmark — ${r.machine}`, "(the CPU is shared: expect noise; measures taken side by side in this run)"];
  for (const s of r.sections) {
    lines.push("", s.title);
    if (s.skipped) lines.push(`  skipped: ${s.skipped}`);
    else lines.push(...s.checks.map(formatCheck));
  }
  return lines.join("\n") + "\n";
}

/** The checks with a target that were missed. */
export function missedChecks(r: BenchReport): Check[] {
  return r.sections.flatMap((s) => s.checks).filter((c) => met(c) === false);
}
