// The shapes the pages check data files against (src/lib/data-shapes.ts) are the zod schemas'
// (loaders/site/data-shapes.ts generates them), and pages no longer need zod for it.
import {readFileSync} from "node:fs";
import {z} from "zod";
import {describe, expect, it} from "vitest";
import {DATA_SHAPES_PATH, dataShape, renderDataShapes} from "../../loaders/site/data-shapes.js";

describe("src/lib/data-shapes.ts", () => {
  it("is what the schemas give (else run `npx tsx loaders/site/data-shapes.ts`)", () => {
    expect(readFileSync(DATA_SHAPES_PATH, "utf8")).toBe(renderDataShapes());
  });

  it("imports nothing but a type: no zod, no schemas in the browser", () => {
    const text = readFileSync(DATA_SHAPES_PATH, "utf8");
    expect(text.match(/^import .*$/gm)).toEqual([`import type {Shape} from "./guard.js";`]);
    for (const lib of ["guard", "load"]) {
      const source = readFileSync(DATA_SHAPES_PATH.replace("data-shapes", lib), "utf8");
      expect(source, lib).not.toMatch(/^import (?!type)[^;]*(zod|schemas|site-files)/m);
    }
  });
});

describe("dataShape", () => {
  it("keeps columns, types, nulls and optional columns", () => {
    const schema = z.array(
      z
        .object({
          id: z.string(),
          n: z.number().int(),
          x: z.number().nullable(),
          ok: z.boolean(),
          tier: z.enum(["A", "B"]).nullable(),
          tags: z.array(z.string()),
          note: z.string().optional(),
          sub: z.object({a: z.number()}).nullable(),
          any: z.record(z.unknown())
        })
        .strict()
    );
    expect(dataShape(schema)).toEqual({
      a: {
        o: {id: "s", n: "i", x: "n?", ok: "b", tier: "s?", tags: {a: "s"}, note: "s", sub: {o: {a: "n"}, null: 1}, any: {r: "*"}},
        opt: ["note"]
      }
    });
  });
});
