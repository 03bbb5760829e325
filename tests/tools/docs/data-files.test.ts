/**
 * The data-file reference is generated from the zod schemas and cannot drift:
 * the committed docs/data-files.md equals a fresh generation, every column has
 * a meaning, no meaning is left over from a renamed column, and every column of
 * every schema appears in the reference (checked against the schemas directly,
 * not through the generator's own walk).
 */
import {readFileSync} from "node:fs";
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {z, type ZodTypeAny} from "zod";
import {
  anchor,
  describeDataFiles,
  lookupDescription,
  renderDataFiles,
  undescribedColumns,
  unusedDescriptions
} from "../../../loaders/tools/docs/data-files.js";
import {fileShape} from "../../../loaders/tools/docs/schema-columns.js";
import {SITE_FILES} from "../../../src/lib/site-files.js";
import {OUTPUT_FILES, isoDate} from "../../../src/schemas/index.js";
import {REPO} from "../../helpers/site.js";

/** The rows of the column table under `### file` in the rendered markdown. */
function tableColumns(markdown: string, file: string): string[] {
  const start = markdown.indexOf(`\n### ${file}\n`);
  expect(start, `no section for ${file}`).toBeGreaterThan(-1);
  const rest = markdown.slice(start + 1);
  const next = rest.indexOf("\n### ", 1);
  const body = next < 0 ? rest : rest.slice(0, next);
  return [...body.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
}

function topLevelKeys(schema: ZodTypeAny): string[] {
  let s: ZodTypeAny = schema;
  if (s instanceof z.ZodArray) s = s.element as ZodTypeAny;
  return Object.keys((s as z.ZodObject<z.ZodRawShape>).shape);
}

describe("docs/data-files.md", () => {
  it("is the fresh generation from the schemas (run `npx tsx loaders/tools/docs/cli.ts` when it is not)", () => {
    const committed = readFileSync(resolve(REPO, "docs/data-files.md"), "utf8");
    expect(committed === renderDataFiles(), "docs/data-files.md is out of date: run `npx tsx loaders/tools/docs/cli.ts`").toBe(true);
  });

  it("gives every column of every schema a meaning", () => {
    expect(undescribedColumns()).toEqual([]);
  });

  it("has no meaning for a column that no longer exists", () => {
    expect(unusedDescriptions()).toEqual([]);
  });

  it("lists exactly the columns of each schema, for every pipeline and site file", () => {
    const md = renderDataFiles();
    const files = [
      ...Object.values(OUTPUT_FILES).map((f) => ({file: f.file, schema: f.schema})),
      ...Object.entries(SITE_FILES).map(([name, f]) => ({file: `data/${name}.json`, schema: f.schema}))
    ];
    for (const {file, schema} of files) {
      const described = describeDataFiles().find((f) => f.file === file)!;
      if (described.sameAs) {
        expect(md).toContain(`Same columns as [\`${described.sameAs}\`]`);
        continue;
      }
      const listed = tableColumns(md, file).filter((c) => !c.includes(".") && !c.includes("[]"));
      expect(listed, file).toEqual(topLevelKeys(schema));
    }
  });

  it("lists the nested fields of kpis.json and manifest.json", () => {
    const md = renderDataFiles();
    expect(tableColumns(md, "kpis.json")).toContain("kpis.time_to_cross_sell_months.p75");
    expect(tableColumns(md, "manifest.json")).toContain("files[].rows_rejected");
  });

  it("links the index to headings that exist, in both anchor styles", () => {
    for (const style of ["github", "framework"] as const) {
      const md = renderDataFiles(style);
      for (const f of describeDataFiles()) expect(md).toContain(`(#${anchor(f.file, style)})`);
    }
    expect(anchor("figures_by_segment.json", "github")).toBe("figures_by_segmentjson");
    expect(anchor("data/pursue_now.json", "framework")).toBe("data-pursue-now-json");
  });
});

describe("fileShape", () => {
  it("reads types, nullability, optional keys, nesting and descriptions from a schema", () => {
    const schema = z.array(
      z
        .object({
          id: z.string().describe("The key."),
          on: isoDate.nullable(),
          month: z.string().regex(/^\d{4}-\d{2}$/),
          score: z.number().int().min(0).max(3),
          share: z.number().nullable(),
          kind: z.enum(["a", "b"]),
          tags: z.array(z.string()),
          note: z.string().optional(),
          parts: z.array(z.object({n: z.number().int()}).strict()),
          inner: z.object({flag: z.boolean()}).strict()
        })
        .strict()
    );
    expect(fileShape(schema)).toEqual({
      kind: "rows",
      length: undefined,
      columns: [
        {path: "id", type: "string", nullable: false, optional: false, description: "The key."},
        {path: "on", type: "date (YYYY-MM-DD)", nullable: true, optional: false, description: undefined},
        {path: "month", type: "month (YYYY-MM)", nullable: false, optional: false, description: undefined},
        {path: "score", type: "integer 0–3", nullable: false, optional: false, description: undefined},
        {path: "share", type: "number", nullable: true, optional: false, description: undefined},
        {path: "kind", type: "one of `a`, `b`", nullable: false, optional: false, description: undefined},
        {path: "tags", type: "list of string", nullable: false, optional: false, description: undefined},
        {path: "note", type: "string", nullable: false, optional: true, description: undefined},
        {path: "parts", type: "list of objects", nullable: false, optional: false, description: undefined},
        {path: "parts[].n", type: "integer", nullable: false, optional: false, description: undefined},
        {path: "inner", type: "object", nullable: false, optional: false, description: undefined},
        {path: "inner.flag", type: "boolean", nullable: false, optional: false, description: undefined}
      ]
    });
  });

  it("knows a fixed row count (tiers.json has exactly four rows)", () => {
    expect(fileShape(OUTPUT_FILES.tiers.schema).length).toBe(4);
  });

  it("prefers a schema's own .describe() text over the descriptions map", () => {
    const withOwn = fileShape(z.array(z.object({account_id: z.string().describe("From the schema.")})));
    expect(withOwn.columns[0].description).toBe("From the schema.");
  });
});

describe("lookupDescription", () => {
  it("prefers an exact key to a * pattern", () => {
    expect(lookupDescription("kpis.json", "kpis.time_to_cross_sell_months.p25")?.key).toBe("kpis.time_to_cross_sell_months.p25");
    expect(lookupDescription("kpis.json", "kpis.cross_sell_rate.low")?.key).toBe("kpis.*.low");
    expect(lookupDescription("kpis.json", "kpis.cross_sell_rate.nonexistent")).toBeUndefined();
  });
});
