/**
 * The columns and value types of every data file a page loads, taken from the zod schemas
 * (src/schemas, src/lib/site-files.ts) and written as a small plain module,
 * src/lib/data-shapes.ts, that the pages' guard reads instead of the schemas: zod and the
 * schemas were 70 KB of every page's scripts for a check the pipeline had already made.
 *
 *   npx tsx loaders/site/data-shapes.ts    (rewrites src/lib/data-shapes.ts)
 *
 * tests/lib/data-shapes.test.ts fails when the module is not what the schemas give.
 *
 * A shape is: a leaf ("s" text, "n" number, "i" integer, "b" boolean, "*" anything; "?"
 * appended when null is allowed), {a: shape} an array, {o: {column: shape}, opt?: [columns
 * that may be absent]} an object with exactly those columns, {r: shape} an object with any
 * keys; an array or object that may be null has null: 1.
 */
import {writeFileSync} from "node:fs";
import {resolve} from "node:path";
import {z, type ZodTypeAny} from "zod";
import {OUTPUT_FILES} from "../../src/schemas/index.js";
import {SITE_FILES} from "../../src/lib/site-files.js";
import type {Shape} from "../../src/lib/guard.js";

function leaf(s: ZodTypeAny): string {
  if (s instanceof z.ZodString || s instanceof z.ZodEnum) return "s";
  if (s instanceof z.ZodNumber) return s.isInt ? "i" : "n";
  if (s instanceof z.ZodBoolean) return "b";
  return "*";
}

/** The shape of a zod schema; `optional` collects whether the value may be absent. */
export function dataShape(schema: ZodTypeAny, flags: {optional?: boolean} = {}): Shape {
  let s = schema;
  let nullable = false;
  for (;;) {
    if (s instanceof z.ZodNullable) nullable = true, (s = s.unwrap());
    else if (s instanceof z.ZodOptional) (flags.optional = true), (s = s.unwrap());
    else if (s instanceof z.ZodDefault) (flags.optional = true), (s = s._def.innerType);
    else if (s instanceof z.ZodEffects) s = s.innerType();
    else break;
  }
  const withNull = <T extends object>(shape: T): T => (nullable ? {...shape, null: 1} : shape);
  if (s instanceof z.ZodArray) return withNull({a: dataShape(s.element)});
  if (s instanceof z.ZodRecord) return withNull({r: dataShape(s.valueSchema)});
  if (s instanceof z.ZodObject) {
    const o: Record<string, Shape> = {};
    const opt: string[] = [];
    for (const [key, value] of Object.entries(s.shape as Record<string, ZodTypeAny>)) {
      const f: {optional?: boolean} = {};
      o[key] = dataShape(value, f);
      if (f.optional) opt.push(key);
    }
    return withNull(opt.length ? {o, opt} : {o});
  }
  return `${leaf(s)}${nullable ? "?" : ""}`;
}

/** The text of src/lib/data-shapes.ts. */
export function renderDataShapes(): string {
  const files = {...OUTPUT_FILES, ...SITE_FILES} as Record<string, {file: string; schema: ZodTypeAny}>;
  const entries = Object.entries(files).map(([name, {file, schema}]) => `  ${JSON.stringify(name)}: {file: ${JSON.stringify(file)}, shape: ${JSON.stringify(dataShape(schema))}}`);
  return `// Generated from src/schemas and src/lib/site-files.ts by \`npx tsx loaders/site/data-shapes.ts\`: do not edit.
// Each data file's columns and value types, for the pages' guard (src/lib/guard.ts) without zod.
import type {Shape} from "./guard.js";

export const DATA_SHAPES: Record<string, {file: string; shape: Shape}> = {
${entries.join(",\n")}
};
`;
}

export const DATA_SHAPES_PATH = resolve(import.meta.dirname, "../../src/lib/data-shapes.ts");

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(DATA_SHAPES_PATH, renderDataShapes());
  process.stderr.write(`wrote ${DATA_SHAPES_PATH}\n`);
}
