/**
 * docs/exports.md cannot drift from the header checks: its column tables are
 * the fresh generation from EXPORT_SPECS/headerSchema, every column has a type
 * and a meaning, and the tables list exactly the columns the checks know, with
 * the right ones marked required (checked against EXPORT_SPECS directly).
 */
import {readFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {exportDocProblems, renderExportsDoc} from "../../../loaders/tools/docs/exports.js";
import {EXPORT_NAMES, EXPORT_SPECS} from "../../../loaders/pipeline/ingest/files.js";

const PAGE = join(resolve(import.meta.dirname, "../../.."), "docs/exports.md");

/** The rows of the table in the generated block of `name`: [column, required]. */
function tableRows(page: string, name: string): [string, string][] {
  const start = page.indexOf(`<!-- generated: exports/${name} -->`);
  expect(start, `no block for ${name}`).toBeGreaterThan(-1);
  const block = page.slice(start, page.indexOf("<!-- /generated -->", start));
  return [...block.matchAll(/^\| `([^`]+)` \| [^|]+ \| (yes|no) \|/gm)].map((m) => [m[1], m[2]]);
}

describe("docs/exports.md", () => {
  const committed = readFileSync(PAGE, "utf8");

  it("has the fresh column tables (run `npm run docs` when it has not)", () => {
    expect(committed === renderExportsDoc(committed), "docs/exports.md is out of date: run `npm run docs`").toBe(true);
  });

  it("gives every column a type and a meaning, and describes no column that does not exist", () => {
    expect(exportDocProblems()).toEqual([]);
  });

  it("lists exactly the columns of each export, required ones as required", () => {
    for (const name of EXPORT_NAMES) {
      const spec = EXPORT_SPECS[name];
      expect(tableRows(committed, name), name).toEqual([
        ...spec.requiredColumns.map((c): [string, string] => [c, "yes"]),
        ...spec.optionalColumns.map((c): [string, string] => [c, "no"])
      ]);
    }
  });

  it("refuses a page that leaves an export out or names one that does not exist", () => {
    const withoutFx = committed.replace(/<!-- generated: exports\/fx_rates -->[\s\S]*?<!-- \/generated -->/, "");
    expect(() => renderExportsDoc(withoutFx)).toThrow(/no generated block for fx_rates\.csv/);
    expect(() => renderExportsDoc(`${committed}\n<!-- generated: exports/invoices -->\n<!-- /generated -->\n`)).toThrow(/no export is called "invoices"/);
  });

  it("keeps the hand-written prose around the tables as it is", () => {
    const page = "intro\n<!-- generated: exports/accounts -->\nstale\n<!-- /generated -->\noutro";
    const all = EXPORT_NAMES.map((n) => `<!-- generated: exports/${n} -->\n<!-- /generated -->`).join("\n");
    const fresh = renderExportsDoc(`${page}\n${all.replace(/<!-- generated: exports\/accounts -->\n<!-- \/generated -->\n?/, "")}`);
    expect(fresh.startsWith("intro\n<!-- generated: exports/accounts -->\nOne row per customer organisation")).toBe(true);
    expect(fresh).not.toContain("stale");
    expect(fresh).toContain("<!-- /generated -->\noutro\n");
  });
});
