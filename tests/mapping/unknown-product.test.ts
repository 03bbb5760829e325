/**
 * Before the GTXPro → GTX Pro value map is added, the Maven run must name the
 * unknown product and suggest the catalog's closest name.
 */
import {spawnSync} from "node:child_process";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {closestMatch} from "../../loaders/mapping/closest.js";
import {runPipeline} from "../../loaders/pipeline.js";
import {cleanup, MAVEN_DIR, prepare, readCsv, REPO, tempDir} from "./helpers.js";

const WITHOUT_MAP = join(REPO, "tests", "mapping", "fixtures", "maven-without-gtxpro-map.json");
const CLI = join(REPO, "loaders", "cli.ts");

describe("unknown product GTXPro", () => {
  it("is written through unmapped, rejected by the pipeline, and its closest catalog name is GTX Pro", async () => {
    const prepared = await prepare({input: MAVEN_DIR, mapping: WITHOUT_MAP});
    const out = tempDir();
    try {
      const deals = readCsv(join(prepared.dir, "opportunities.csv"));
      expect(deals.filter((d) => d.product_id === "GTXPro")).toHaveLength(1480);
      // The preparation's own note already names it, the closest catalog name and the fix.
      expect(prepared.notes).toContain(
        'opportunities.product_id: unknown product "GTXPro" in 1480 rows (not in products.csv; closest: "GTX Pro"): ' +
          'add "values": {"product_id": {"map": {"GTXPro": "GTX Pro"}}} to files.opportunities of the mapping'
      );
      // Everything allowed through, to read every reason.
      await runPipeline({input: prepared.dir, out, configObject: {}, rejectLimit: 1, mode: "bookings"});
      const rejects = readCsv(join(out, "rejects.csv")).filter((r) => r.column === "product_id");
      // GTXPro deals that are not already rejected for their account or date: all of them name GTXPro.
      expect(rejects.length).toBeGreaterThan(1000);
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
      const run = spawnSync(process.execPath, ["--import", "tsx", CLI, "--input", MAVEN_DIR, "--mapping", WITHOUT_MAP, "--out", out], {
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
