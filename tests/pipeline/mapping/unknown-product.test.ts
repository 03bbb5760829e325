/**
 * Before the GTXPro → GTX Pro value map is added, the Maven run must name the
 * unknown product and suggest the catalog's closest name: on the fixture in the
 * Maven layout (4 deals spell it GTXPro; FXR00003 is rejected for its empty
 * account first, so 3 are rejected for the product), and on the real export
 * when it is present (1,480 deals).
 */
import {spawnSync} from "node:child_process";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {closestMatch} from "../../../loaders/pipeline/mapping/closest.js";
import {runPipeline} from "../../../loaders/pipeline/run.js";
import {MAVEN_FIXTURE_DIR, noteWhenRealAbsent, REAL_MAVEN_DIR} from "../../helpers/real-exports.js";
import {cleanup, prepare, readCsv, REPO, tempDir} from "./helpers.js";

const WITHOUT_MAP = join(REPO, "tests", "pipeline", "mapping", "fixtures", "maven-without-gtxpro-map.json");
const CLI = join(REPO, "loaders", "pipeline", "cli.ts");

const SOURCES = [
  {name: "the Maven-layout fixture", dir: MAVEN_FIXTURE_DIR, deals: 4, rejected: 3},
  {name: "the real Maven export", dir: REAL_MAVEN_DIR, deals: 1480, rejected: undefined}
];

noteWhenRealAbsent("the unknown-product run on the real Maven export (tests/pipeline/mapping/unknown-product.test.ts)");

describe.each(SOURCES)("unknown product GTXPro, in $name", ({dir, deals, rejected}) => {
  if (!dir) {
    it.skip("skipped: the real export is absent (set CROSSSELL_REAL_EXPORTS)", () => {});
    return;
  }
  it("is written through unmapped, rejected by the pipeline, and its closest catalog name is GTX Pro", async () => {
    const prepared = await prepare({input: dir, mapping: WITHOUT_MAP});
    const out = tempDir();
    try {
      const written = readCsv(join(prepared.dir, "opportunities.csv"));
      expect(written.filter((d) => d.product_id === "GTXPro")).toHaveLength(deals);
      // The preparation's own note already names it, the closest catalog name and the fix.
      expect(prepared.notes).toContain(
        `opportunities.product_id: unknown product "GTXPro" in ${deals} rows (not in products.csv; closest: "GTX Pro"): ` +
          'add "values": {"product_id": {"map": {"GTXPro": "GTX Pro"}}} to files.opportunities of the mapping'
      );
      // Everything allowed through, to read every reason.
      await runPipeline({input: prepared.dir, out, configObject: {}, rejectLimit: 1, mode: "bookings"});
      const rejects = readCsv(join(out, "rejects.csv")).filter((r) => r.column === "product_id");
      // GTXPro deals that are not already rejected for their account or date: all of them name GTXPro.
      if (rejected === undefined) expect(rejects.length).toBeGreaterThan(1000);
      else expect(rejects).toHaveLength(rejected);
      expect(new Set(rejects.map((r) => r.value))).toEqual(new Set(["GTXPro"]));
      expect(rejects[0].reason).toMatch(/unknown product/);
      const catalog = readCsv(join(prepared.dir, "products.csv")).map((p) => p.product_id);
      expect(closestMatch("GTXPro", catalog)).toBe("GTX Pro");
    } finally {
      cleanup(prepared.dir, out);
    }
  });

  it("the command line's message names GTXPro and suggests GTX Pro", () => {
    const out = tempDir();
    try {
      const run = spawnSync(process.execPath, ["--import", "tsx", CLI, "--input", dir, "--mapping", WITHOUT_MAP, "--out", out], {
        cwd: REPO,
        encoding: "utf8",
        env: {...process.env, TZ: "UTC"}
      });
      const text = `${run.stdout}\n${run.stderr}`;
      expect(text).toMatch(/unknown product "GTXPro"[^\n]*closest: "GTX Pro"/);
    } finally {
      cleanup(out);
    }
  });
});
