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
