/**
 * The machine-readable run log: JSON lines appended to one file, one record
 * per step and one final record per run, so that a monitoring job can
 * `tail -n1 refresh-log.jsonl | jq .status` or chart durations over time.
 *
 * Record shapes (every record has `type`, `run_id` and `at`):
 *   {"type":"step", "step":"pipeline", "status":"ok"|"failed", "duration_ms":1234, ...}
 *   {"type":"run",  "status":"ok"|"failed", "exit_code":0, "exit_meaning":"…", "error":null|"…",
 *    "failed_step":null|"build", "input":"…", "out":"…", "published":true, "as_of":"2026-06-30",
 *    "latest_invoice_on":"…", "duration_ms":…, "steps":[…], "files":[{file, path, sha256,
 *    rows_read, rows_loaded, rows_rejected}], "rows_rejected":12, "unmatched_customers":3,
 *    "unmatched_customer_ids":["C-1", …]}
 */
import {appendFileSync, mkdirSync} from "node:fs";
import {dirname} from "node:path";

export interface StepRecord {
  type: "step";
  step: string;
  status: "ok" | "failed";
  duration_ms: number;
  [detail: string]: unknown;
}

export interface RunRecord {
  type: "run";
  status: "ok" | "failed";
  exit_code: number;
  [detail: string]: unknown;
}

export class RunLog {
  readonly records: Array<(StepRecord | RunRecord) & {run_id: string; at: string}> = [];

  constructor(
    /** Where to append, or null to keep records in memory only. */
    readonly path: string | null,
    readonly runId: string
  ) {
    if (path) mkdirSync(dirname(path), {recursive: true});
  }

  write(record: StepRecord | RunRecord): void {
    // Key order: type, run_id, at first, so that a log line is easy to scan.
    const {type, ...rest} = record;
    const full = {type, run_id: this.runId, at: new Date().toISOString(), ...rest} as (StepRecord | RunRecord) & {run_id: string; at: string};
    this.records.push(full);
    // One appendFileSync per record: a record is one short write, so
    // concurrent readers never see half a line.
    if (this.path) appendFileSync(this.path, JSON.stringify(full) + "\n");
  }
}

/** Reads back the records of a log file (for tests and tooling). */
export function parseRunLog(text: string): Array<Record<string, unknown>> {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
