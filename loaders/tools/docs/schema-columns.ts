/**
 * Walks a zod schema of an output file and lists its columns: dotted path,
 * readable type, nullable/optional, and the zod `.description` when the schema
 * carries one. The data-file reference is rendered from this list, so it
 * cannot drift from the schemas the pipeline and the pages validate against.
 */
import {z, type ZodTypeAny} from "zod";
import {isoDate} from "../../../src/schemas/common.js";

export interface Column {
  /** Dotted path; `[]` marks the elements of an array of objects, e.g. `files[].sha256`. */
  path: string;
  type: string;
  nullable: boolean;
  /** The key may be absent from the object. */
  optional: boolean;
  /** `.describe()` text found on the field's schema, if any. */
  description?: string;
}

export interface FileShape {
  /** "rows": a JSON array (or CSV) of objects; "object": one JSON object. */
  kind: "rows" | "object";
  /** Exact row count the schema demands, when it demands one (e.g. four tiers). */
  length?: number;
  columns: Column[];
}

interface Unwrapped {
  inner: ZodTypeAny;
  nullable: boolean;
  optional: boolean;
  description?: string;
}

/** Peels nullable/optional/default/effects wrappers, remembering what they said. */
function unwrap(schema: ZodTypeAny): Unwrapped {
  let s = schema;
  let nullable = false;
  let optional = false;
  let description = s.description;
  for (;;) {
    if (s instanceof z.ZodNullable) {
      nullable = true;
      s = s.unwrap();
    } else if (s instanceof z.ZodOptional) {
      optional = true;
      s = s.unwrap();
    } else if (s instanceof z.ZodDefault) {
      optional = true;
      s = s._def.innerType;
    } else if (s instanceof z.ZodEffects) {
      s = s.innerType();
    } else break;
    description ??= s.description;
  }
  return {inner: s, nullable, optional, description};
}

function numberType(s: z.ZodNumber): string {
  const checks = s._def.checks;
  const isInt = checks.some((c) => c.kind === "int");
  const min = checks.find((c) => c.kind === "min") as {value: number} | undefined;
  const max = checks.find((c) => c.kind === "max") as {value: number} | undefined;
  const base = isInt ? "integer" : "number";
  if (min && max) return `${base} ${min.value}–${max.value}`;
  if (min) return `${base} ≥ ${min.value}`;
  if (max) return `${base} ≤ ${max.value}`;
  return base;
}

function stringType(s: z.ZodString): string {
  if (s === isoDate) return "date (YYYY-MM-DD)";
  const regex = s._def.checks.find((c) => c.kind === "regex") as {regex: RegExp} | undefined;
  if (regex?.regex.source === "^\\d{4}-\\d{2}-\\d{2}$") return "date (YYYY-MM-DD)";
  if (regex?.regex.source === "^\\d{4}-\\d{2}$") return "month (YYYY-MM)";
  if (regex) return `string matching \`${regex.regex.source}\``;
  return "string";
}

/** A short, human type name for a leaf (non-object) schema. */
export function typeName(schema: ZodTypeAny): string {
  const {inner} = unwrap(schema);
  if (inner instanceof z.ZodString) return stringType(inner);
  if (inner instanceof z.ZodNumber) return numberType(inner);
  if (inner instanceof z.ZodBoolean) return "boolean";
  if (inner instanceof z.ZodEnum) return `one of ${(inner.options as string[]).map((o) => `\`${o}\``).join(", ")}`;
  if (inner instanceof z.ZodLiteral) return `\`${JSON.stringify(inner.value)}\``;
  if (inner instanceof z.ZodArray) return `list of ${typeName(inner.element as ZodTypeAny)}`;
  if (inner instanceof z.ZodObject) return "object";
  if (inner instanceof z.ZodRecord) return "object (free-form keys)";
  if (inner instanceof z.ZodUnknown || inner instanceof z.ZodAny) return "any";
  throw new Error(`data-file reference: no type name for zod type ${inner.constructor.name}`);
}

/**
 * Schemas documented elsewhere (a row of another file): a field holding one is
 * listed as "row of <file>" instead of being expanded again.
 */
export type KnownRows = Map<ZodTypeAny, string>;

function walkObject(object: z.ZodObject<z.ZodRawShape>, prefix: string, out: Column[], known: KnownRows): void {
  for (const [key, field] of Object.entries(object.shape as Record<string, ZodTypeAny>)) {
    const path = prefix + key;
    const u = unwrap(field);
    const element = u.inner instanceof z.ZodArray ? unwrap(u.inner.element as ZodTypeAny).inner : undefined;
    if (known.has(u.inner) || (u.inner instanceof z.ZodArray && known.has(u.inner.element as ZodTypeAny))) {
      const type = known.has(u.inner) && !(u.inner instanceof z.ZodArray) ? `one row of ${known.get(u.inner)}` : `rows of ${known.get(u.inner) ?? known.get((u.inner as z.ZodArray<ZodTypeAny>).element)}`;
      out.push({path, type, nullable: u.nullable, optional: u.optional, description: u.description});
    } else if (u.inner instanceof z.ZodObject) {
      // A nested object is listed itself (for its meaning), then its fields.
      out.push({path, type: "object", nullable: u.nullable, optional: u.optional, description: u.description});
      walkObject(u.inner, `${path}.`, out, known);
    } else if (element instanceof z.ZodObject) {
      out.push({path, type: "list of objects", nullable: u.nullable, optional: u.optional, description: u.description});
      walkObject(element, `${path}[].`, out, known);
    } else {
      out.push({path, type: typeName(field), nullable: u.nullable, optional: u.optional, description: u.description});
    }
  }
}

/** The columns of an output file's schema: an array of row objects, or one object. */
export function fileShape(schema: ZodTypeAny, known: KnownRows = new Map()): FileShape {
  const {inner} = unwrap(schema);
  const columns: Column[] = [];
  if (inner instanceof z.ZodArray) {
    const element = unwrap(inner.element as ZodTypeAny).inner;
    if (!(element instanceof z.ZodObject)) throw new Error("data-file reference: an output file must be rows of objects or an object");
    walkObject(element, "", columns, known);
    const exact = inner._def.exactLength?.value;
    return {kind: "rows", length: exact ?? undefined, columns};
  }
  if (inner instanceof z.ZodObject) {
    walkObject(inner, "", columns, known);
    return {kind: "object", columns};
  }
  throw new Error(`data-file reference: unsupported top-level schema ${inner.constructor.name}`);
}
