/**
 * npx tsx loaders/tools/bench/profile.ts DIR [--top N]
 *
 * Reads the DuckDB operator profiles a pipeline run wrote with
 * PIPELINE_PROFILE_DIR=DIR (one JSON file per model) and prints, slowest
 * first, each model's time and its costliest operators: where a model spends
 * its time, before anything is changed (README, Benchmark).
 */
import {readdirSync, readFileSync} from "node:fs";
import {basename, join} from "node:path";

interface ProfileNode {
  operator_name?: string;
  operator_type?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  extra_info?: Record<string, unknown>;
  children?: ProfileNode[];
}

export interface OperatorCost {
  operator: string;
  seconds: number;
  rows: number;
  detail: string;
}

export interface ModelProfile {
  model: string;
  /** Wall time of the model's statement. */
  latency: number;
  /** Operator time summed over threads (CPU seconds). */
  cpu: number;
  operators: OperatorCost[];
}

/** What an operator works on, in a few words (its groups, join conditions or table). */
function detailOf(info: Record<string, unknown> | undefined): string {
  if (!info) return "";
  const parts: string[] = [];
  for (const key of ["Groups", "Conditions", "Join Type", "Table"]) {
    const value = info[key];
    if (value === undefined) continue;
    parts.push(`${key}: ${(Array.isArray(value) ? value.join(", ") : String(value)).slice(0, 80)}`);
  }
  return parts.join("; ");
}

/** One profile file as a model's costs (its operators flattened, costliest first). */
export function readProfile(model: string, profile: ProfileNode & {latency?: number}): ModelProfile {
  const operators: OperatorCost[] = [];
  const walk = (node: ProfileNode) => {
    operators.push({
      operator: node.operator_name ?? node.operator_type ?? "?",
      seconds: node.operator_timing ?? 0,
      rows: node.operator_cardinality ?? 0,
      detail: detailOf(node.extra_info)
    });
    for (const child of node.children ?? []) walk(child);
  };
  for (const child of profile.children ?? []) walk(child);
  operators.sort((a, b) => b.seconds - a.seconds);
  return {model, latency: profile.latency ?? 0, cpu: operators.reduce((s, o) => s + o.seconds, 0), operators};
}

export function readProfiles(dir: string): ModelProfile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => readProfile(basename(f, ".json"), JSON.parse(readFileSync(join(dir, f), "utf8"))))
    .sort((a, b) => b.latency - a.latency);
}

export function formatProfiles(models: ModelProfile[], top: number): string {
  const lines = [`${"model".padEnd(32)} ${"wall s".padStart(7)} ${"cpu s".padStart(7)}`];
  for (const m of models) {
    lines.push(`${m.model.padEnd(32)} ${m.latency.toFixed(2).padStart(7)} ${m.cpu.toFixed(2).padStart(7)}`);
    for (const o of m.operators.slice(0, top).filter((o) => o.seconds >= 0.05)) {
      lines.push(`    ${o.seconds.toFixed(2).padStart(6)} ${o.operator} (${o.rows} rows)${o.detail ? ` ${o.detail}` : ""}`);
    }
  }
  const wall = models.reduce((s, m) => s + m.latency, 0);
  const cpu = models.reduce((s, m) => s + m.cpu, 0);
  lines.push(`${"all models".padEnd(32)} ${wall.toFixed(2).padStart(7)} ${cpu.toFixed(2).padStart(7)}`);
  return lines.join("\n");
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const [dir, flag, n] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: npx tsx loaders/tools/bench/profile.ts DIR [--top N]  (DIR: PIPELINE_PROFILE_DIR of a pipeline run)");
    process.exit(64);
  }
  console.log(formatProfiles(readProfiles(dir), flag === "--top" ? Number(n) : 4));
}
