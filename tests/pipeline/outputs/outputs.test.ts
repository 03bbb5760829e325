import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {z} from "zod";
import {stableJson} from "../../../loaders/pipeline/outputs/json.js";
import {stageOutputs} from "../../../loaders/pipeline/outputs/publish.js";
import {MARKER_FILE, writeMarker} from "../../../loaders/pipeline/safety/marker.js";
import {OutputSchemaError, validateOutput} from "../../../loaders/pipeline/outputs/validate.js";

describe("stable JSON", () => {
  it("writes rows one per line, in the schema's key order", () => {
    const schema = z.array(z.object({a: z.number(), b: z.string()}));
    const parsed = validateOutput("x.json", schema, [{b: "x", a: 1}, {a: 2, b: "y"}]);
    expect(stableJson(parsed)).toBe('[\n{"a":1,"b":"x"},\n{"a":2,"b":"y"}\n]\n');
    expect(stableJson([])).toBe("[]\n");
    expect(stableJson({k: 1})).toBe('{\n  "k": 1\n}\n');
  });

  it("a schema failure names the file and the zod path", () => {
    const schema = z.array(z.object({a: z.number()}));
    expect(() => validateOutput("tiers.json", schema, [{a: 1}, {a: "2"}])).toThrow(OutputSchemaError);
    expect(() => validateOutput("tiers.json", schema, [{a: 1}, {a: "2"}])).toThrow(/tiers\.json does not match its schema.*1\.a: Expected number/);
  });
});

describe("atomic publish", () => {
  it("replaces the previous folder as a whole and leaves no temporary folder", () => {
    const parent = mkdtempSync(join(tmpdir(), "publish-"));
    const out = join(parent, "out");
    mkdirSync(out);
    writeFileSync(join(out, "old.json"), "old");
    writeMarker(out, "pipeline-output"); // a previous publication (a folder it did not write is refused: tests/pipeline/safety)
    const staging = stageOutputs(out);
    writeFileSync(join(staging.dir, "new.json"), "new");
    // until published, the previous outputs are intact
    expect(readdirSync(out).sort()).toEqual([MARKER_FILE, "old.json"]);
    staging.publish();
    expect(readdirSync(out).sort()).toEqual([MARKER_FILE, "new.json"]);
    expect(readdirSync(parent)).toEqual(["out"]);
  });

  it("discarding a run leaves the previous outputs untouched", () => {
    const parent = mkdtempSync(join(tmpdir(), "publish-"));
    const out = join(parent, "out");
    mkdirSync(out);
    writeFileSync(join(out, "kpis.json"), "previous");
    const staging = stageOutputs(out);
    writeFileSync(join(staging.dir, "kpis.json"), "half-written");
    staging.discard();
    expect(readFileSync(join(out, "kpis.json"), "utf8")).toBe("previous");
    expect(readdirSync(parent)).toEqual(["out"]);
  });

  it("publishes into a folder that does not exist yet", () => {
    const parent = mkdtempSync(join(tmpdir(), "publish-"));
    const staging = stageOutputs(join(parent, "deep", "out"));
    writeFileSync(join(staging.dir, "a.json"), "a");
    staging.publish();
    expect(existsSync(join(parent, "deep", "out", "a.json"))).toBe(true);
  });
});
