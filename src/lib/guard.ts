/**
 * Column guard rails for page code.
 *
 * A page that reads a column its data file does not have must fail loudly,
 * naming the page, the file and the column — never draw a chart of zeros.
 * `guard` walks a value alongside its zod schema and wraps every object in a
 * Proxy that throws on a read of an unknown string key.
 */
import {z, type ZodTypeAny} from "zod";

export class UnknownColumnError extends Error {
  constructor(
    readonly page: string,
    readonly file: string,
    readonly column: string,
    readonly known: string[]
  ) {
    super(
      `Page ${page} reads column "${column}" that ${file} does not have. ` +
        `Columns of ${file}: ${known.join(", ")}.`
    );
    this.name = "UnknownColumnError";
  }
}

/** Keys every object answers without being a column (prototype members, JSON, promises, inspection). */
const ALWAYS_ALLOWED = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  "toJSON",
  "then",
  "length",
  "$$typeof",
  "nodeType",
  "asymmetricMatch",
  // Probes of the Observable runtime on every cell value (generator and event-target detection).
  "next",
  "return",
  "throw",
  "addEventListener",
  "removeEventListener",
  "dispatchEvent"
]);

function unwrap(schema: ZodTypeAny): ZodTypeAny {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodNullable || s instanceof z.ZodOptional) s = s.unwrap();
    else if (s instanceof z.ZodDefault) s = s._def.innerType;
    else if (s instanceof z.ZodEffects) s = s.innerType();
    else return s;
  }
}

/** An object schema's columns, worked out once per schema rather than once per row. */
interface ObjectInfo {
  shape: Record<string, ZodTypeAny>;
  known: string[];
  allowed: Set<string>;
}
const objectInfos = new WeakMap<z.AnyZodObject, ObjectInfo>();
function objectInfo(schema: z.AnyZodObject): ObjectInfo {
  let info = objectInfos.get(schema);
  if (!info) {
    const shape = schema.shape as Record<string, ZodTypeAny>;
    const known = Object.keys(shape);
    info = {shape, known, allowed: new Set(known)};
    objectInfos.set(schema, info);
  }
  return info;
}

export interface GuardContext {
  page: string;
  file: string;
}

/** Returns `value` with every object behind a Proxy that rejects unknown columns. */
export function guard<T>(value: T, schema: ZodTypeAny, ctx: GuardContext): T {
  const s = unwrap(schema);
  if (value === null || typeof value !== "object") return value;
  if (s instanceof z.ZodArray && Array.isArray(value)) {
    const element = s.element as ZodTypeAny;
    return value.map((v) => guard(v, element, ctx)) as T;
  }
  if (s instanceof z.ZodObject) {
    const {shape, known, allowed} = objectInfo(s);
    // Nested objects and arrays guarded on first read, then reused (a row's held_products, say).
    let nested: Map<string, unknown> | undefined;
    return new Proxy(value as object, {
      get(target, key, receiver) {
        // Fast path first: pages read columns millions of times (a sort of 200,000 rows).
        if (typeof key === "string" && allowed.has(key)) {
          const v = (target as Record<string, unknown>)[key];
          if (v === null || typeof v !== "object") return v;
          nested ??= new Map();
          if (!nested.has(key)) nested.set(key, guard(v, shape[key], ctx));
          return nested.get(key);
        }
        if (typeof key !== "string" || ALWAYS_ALLOWED.has(key)) return Reflect.get(target, key, receiver);
        const error = new UnknownColumnError(ctx.page, ctx.file, key, known);
        // Logged as well as thrown: a chart library may swallow the throw.
        console.error(error.message);
        throw error;
      }
    }) as T;
  }
  return value;
}

/** Rows of a long array whose schema is checked: the first and last ones, and some spread between. */
export const SAMPLE_EDGE_ROWS = 100;
export const SAMPLE_SPREAD_ROWS = 100;

function sampleIndices(length: number): number[] {
  if (length <= 2 * SAMPLE_EDGE_ROWS + SAMPLE_SPREAD_ROWS) return Array.from({length}, (_, i) => i);
  const picked = new Set<number>();
  for (let i = 0; i < SAMPLE_EDGE_ROWS; i++) picked.add(i).add(length - 1 - i);
  for (let k = 0; k < SAMPLE_SPREAD_ROWS; k++) picked.add(Math.floor(((k + 0.5) * length) / SAMPLE_SPREAD_ROWS));
  return [...picked].sort((a, b) => a - b);
}

export interface SampleIssue {
  /** Path in the whole value (row numbers of the file, not of the sample). */
  path: (string | number)[];
  message: string;
}

/**
 * Checks `value` against `schema` on a sample of the rows of every long array
 * (the first and last SAMPLE_EDGE_ROWS and SAMPLE_SPREAD_ROWS spread between)
 * and fully elsewhere. The file was written and validated by the pipeline with
 * the same schema; this catches a file whose columns drifted from the schema
 * the page was written for, at a cost bounded by the sample, not the file.
 * Returns the first issue, or null.
 */
export function checkSample(value: unknown, schema: ZodTypeAny): SampleIssue | null {
  // Long arrays are replaced by their sample; where each sampled row came from is kept to name it.
  const origins = new Map<unknown[], number[]>();
  const reduce = (v: unknown, s: ZodTypeAny): unknown => {
    const u = unwrap(s);
    if (u instanceof z.ZodArray && Array.isArray(v)) {
      const element = u.element as ZodTypeAny;
      const indices = sampleIndices(v.length);
      const sample = indices.map((i) => reduce(v[i], element));
      if (indices.length < v.length) origins.set(sample, indices);
      return sample;
    }
    if (u instanceof z.ZodObject && v !== null && typeof v === "object" && !Array.isArray(v)) {
      const {shape} = objectInfo(u);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, {value: k in shape ? reduce(x, shape[k]) : x, enumerable: true});
      return out;
    }
    return v;
  };
  const reduced = reduce(value, schema);
  const result = schema.safeParse(reduced);
  if (result.success) return null;
  const issue = result.error.issues[0];
  // Map sample positions in the path back to row numbers of the file.
  const path: (string | number)[] = [];
  let at: unknown = reduced;
  for (const key of issue.path) {
    const origin = Array.isArray(at) ? origins.get(at) : undefined;
    path.push(origin && typeof key === "number" ? origin[key] : key);
    at = at !== null && typeof at === "object" ? (at as Record<string | number, unknown>)[key] : undefined;
  }
  return {path, message: issue.message};
}
