import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {RunLog, parseRunLog} from "../../loaders/refresh/run-log.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, {recursive: true, force: true});
});

describe("RunLog", () => {
  it("appends one JSON line per record, type/run_id/at first, across runs", () => {
    const dir = mkdtempSync(join(tmpdir(), "runlog-"));
    dirs.push(dir);
    const path = join(dir, "logs", "refresh-log.jsonl"); // the folder is created
    const first = new RunLog(path, "run-1");
    first.write({type: "step", step: "pipeline", status: "ok", duration_ms: 1200});
    first.write({type: "run", status: "ok", exit_code: 0});
    new RunLog(path, "run-2").write({type: "run", status: "failed", exit_code: 4, error: "data too old"});

    const text = readFileSync(path, "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const records = parseRunLog(text);
    expect(records).toHaveLength(3);
    expect(Object.keys(records[0]).slice(0, 3)).toEqual(["type", "run_id", "at"]);
    expect(records[0]).toMatchObject({type: "step", run_id: "run-1", step: "pipeline", status: "ok", duration_ms: 1200});
    expect(records[2]).toMatchObject({type: "run", run_id: "run-2", status: "failed", exit_code: 4, error: "data too old"});
    expect(Date.parse(records[1].at as string)).not.toBeNaN();
  });

  it("keeps records in memory without a file", () => {
    const log = new RunLog(null, "r");
    log.write({type: "run", status: "ok", exit_code: 0});
    expect(log.records).toHaveLength(1);
  });
});
