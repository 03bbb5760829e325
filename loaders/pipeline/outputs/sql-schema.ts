/**
 * A row schema (the zod element of an output file's z.array) compiled to SQL,
 * so that a table of hundreds of thousands of rows is validated by DuckDB in
 * one scan instead of row by row in JavaScript, and written by DuckDB's own
 * JSON writer (loaders/pipeline/outputs/write.ts).
 *
 * The compiler knows the zod types the output schemas use (object, string with
 * regex, number with int/min/max, boolean, enum, literal, nullable, array of
 * those); for anything else it returns null and the writer falls back to zod in
 * JavaScript, so an exotic schema is never checked less strictly.
 *
 * Each column gets
 *   - a type check against the relation's DuckDB type (a number column must be
 *     numeric, a string one VARCHAR or DATE, …): a mismatch is a bug found
 *     before any row is read;
 *   - `select`: the expression written to the file (DATE as its ISO text,
 *     DECIMAL as DOUBLE, so that the file holds what the schema says);
 *   - `violation`: a SQL condition true for a row whose value breaks the
 *     schema, and the rule it breaks in words.
 * Rows can only be more strictly checked than by zod: a double must also be
 * finite (JSON has no Infinity) and an integer must fit a JavaScript number.
 */
import {ZodArray, ZodBoolean, ZodEnum, ZodLiteral, ZodNullable, ZodNumber, ZodObject, ZodString, type ZodTypeAny} from "zod";
import {sqlIdent, sqlString} from "../db.js";

/** The largest integer a JavaScript number holds exactly. */
const MAX_SAFE_INTEGER = 9007199254740991;

type Scalar =
  | {kind: "string"; regexes: RegExp[]}
  | {kind: "number"; int: boolean; min: {value: number; inclusive: boolean} | null; max: {value: number; inclusive: boolean} | null}
  | {kind: "boolean"}
  | {kind: "enum"; values: readonly string[]}
  | {kind: "literal"; value: string | number | boolean};

type Shape = (Scalar & {nullable: boolean}) | {kind: "array"; element: Scalar & {nullable: boolean}; nullable: boolean};

export interface CompiledColumn {
  name: string;
  shape: Shape;
}

export interface CompiledRow {
  columns: CompiledColumn[];
  /** The object schema is .strict(): a column it does not list is an error, not dropped. */
  strict: boolean;
}

/** A check a column's values must pass: SQL true when a value breaks it, and the rule in words. */
export interface ColumnRule {
  column: string;
  /** SQL, true for a row whose value in `column` breaks the schema. */
  sql: string;
  /** The rules in words ("not null, one of A, B"). */
  rule: string;
}

/** The element's shape, or null when it uses a zod type this compiler does not know. */
export function compileRowSchema(element: ZodTypeAny): CompiledRow | null {
  if (!(element instanceof ZodObject)) return null;
  const columns: CompiledColumn[] = [];
  for (const [name, field] of Object.entries(element.shape as Record<string, ZodTypeAny>)) {
    const shape = compileShape(field);
    if (!shape) return null;
    columns.push({name, shape});
  }
  const unknownKeys = element._def.unknownKeys as string;
  if (unknownKeys === "passthrough") return null; // extra columns would have to be written as they are
  return {columns, strict: unknownKeys === "strict"};
}

function compileShape(field: ZodTypeAny): Shape | null {
  let nullable = false;
  let inner = field;
  while (inner instanceof ZodNullable) {
    nullable = true;
    inner = inner.unwrap();
  }
  if (inner instanceof ZodArray) {
    const def = inner._def;
    if (def.exactLength !== null || def.minLength !== null || def.maxLength !== null) return null;
    const element = compileShape(inner.element as ZodTypeAny);
    if (!element || element.kind === "array") return null;
    return {kind: "array", element, nullable};
  }
  const scalar = compileScalar(inner);
  return scalar ? {...scalar, nullable} : null;
}

function compileScalar(type: ZodTypeAny): Scalar | null {
  if (type instanceof ZodString) {
    const regexes: RegExp[] = [];
    for (const check of type._def.checks) {
      if (check.kind !== "regex") return null;
      regexes.push(check.regex);
    }
    return {kind: "string", regexes};
  }
  if (type instanceof ZodNumber) {
    const scalar: Scalar & {kind: "number"} = {kind: "number", int: false, min: null, max: null};
    for (const check of type._def.checks) {
      if (check.kind === "int") scalar.int = true;
      else if (check.kind === "min") scalar.min = {value: check.value, inclusive: check.inclusive};
      else if (check.kind === "max") scalar.max = {value: check.value, inclusive: check.inclusive};
      else if (check.kind !== "finite") return null; // finite is always checked
    }
    return scalar;
  }
  if (type instanceof ZodBoolean) return {kind: "boolean"};
  if (type instanceof ZodEnum) return {kind: "enum", values: type.options as string[]};
  if (type instanceof ZodLiteral) {
    const value = type.value as unknown;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return {kind: "literal", value};
    return null;
  }
  return null;
}

/**
 * A JavaScript regex as an RE2 pattern for regexp_full_match: only the plain
 * anchored patterns the schemas use (^…$, no flags, no lookaround or
 * back-references); null otherwise.
 */
export function regexToRe2(regex: RegExp): string | null {
  if (regex.flags.replace(/[gy]/g, "") !== "") return null;
  const source = regex.source;
  if (!source.startsWith("^") || !source.endsWith("$") || source.endsWith("\\$")) return null;
  if (/\(\?[=!<]|\\[1-9]|\\k</.test(source)) return null;
  return source.slice(1, -1);
}

const INTEGER_TYPES = new Set(["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"]);
/** The integer types whose every value a JavaScript number holds exactly (32 bits at most): no check needed. */
const SAFE_INTEGER_TYPES = new Set(["TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT", "UINTEGER"]);
const FLOAT_TYPES = new Set(["FLOAT", "DOUBLE"]);

function isDecimal(type: string): boolean {
  return /^DECIMAL\(\d+,\s*\d+\)$/.test(type);
}

/** What JSON value a DuckDB column type becomes, as far as the schema cares; null when none fits. */
function jsonKind(type: string): "string" | "date" | "integer" | "float" | "decimal" | "boolean" | {list: string} | null {
  if (type === "VARCHAR") return "string";
  if (type === "DATE") return "date";
  if (INTEGER_TYPES.has(type)) return "integer";
  if (FLOAT_TYPES.has(type)) return "float";
  if (isDecimal(type)) return "decimal";
  if (type === "BOOLEAN") return "boolean";
  if (type.endsWith("[]")) return {list: type.slice(0, -2)};
  return null;
}

function describeShape(shape: Shape): string {
  const base =
    shape.kind === "array"
      ? `list of ${describeShape(shape.element)}`
      : shape.kind === "enum"
        ? "string"
        : shape.kind === "literal"
          ? typeof shape.value
          : shape.kind;
  return shape.nullable ? `${base} or null` : base;
}

/** Why a column of DuckDB type `type` cannot hold `shape`, or null when it can. */
function typeMismatch(shape: Shape, type: string): string | null {
  const kind = jsonKind(type);
  const fits = (s: Shape, k: ReturnType<typeof jsonKind>): boolean => {
    if (k === null) return false;
    if (s.kind === "array") return typeof k === "object" && fits(s.element, jsonKind(k.list));
    if (typeof k === "object") return false;
    switch (s.kind) {
      case "string":
      case "enum":
        return k === "string" || k === "date";
      case "number":
        return k === "integer" || k === "float" || k === "decimal";
      case "boolean":
        return k === "boolean";
      case "literal":
        return typeof s.value === "string" ? k === "string" : typeof s.value === "number" ? k !== "string" && k !== "date" && k !== "boolean" : k === "boolean";
    }
  };
  return fits(shape, kind) ? null : `its DuckDB type ${type} cannot hold the schema's ${describeShape(shape)}`;
}

/** The value as it goes into the file: dates as ISO text, decimals as doubles. */
function valueExpression(expr: string, type: string, shape: Shape): string {
  if (shape.kind === "array") {
    const inner = type.slice(0, -2);
    const element = valueExpression("x", inner, shape.element);
    return element === "x" ? expr : `list_transform(${expr}, x -> ${element})`;
  }
  if (type === "DATE") return `strftime(${expr}, '%Y-%m-%d')`;
  if (isDecimal(type)) return `CAST(${expr} AS DOUBLE)`;
  return expr;
}

/** SQL that is true when the (written) value `expr`, not null, breaks the scalar's rules; with the rules in words. */
function scalarRules(expr: string, type: string, scalar: Scalar): {sql: string; rule: string}[] {
  const rules: {sql: string; rule: string}[] = [];
  switch (scalar.kind) {
    case "string":
      for (const regex of scalar.regexes) {
        const pattern = regexToRe2(regex);
        if (pattern === null) throw new Error(`cannot compile the regex ${regex} to SQL`);
        rules.push({sql: `NOT regexp_full_match(${expr}, ${sqlString(pattern)})`, rule: `matches ${regex}`});
      }
      break;
    case "number": {
      const kind = jsonKind(type);
      if (kind === "float") rules.push({sql: `NOT isfinite(${expr})`, rule: "a finite number"});
      if (kind === "integer" && !SAFE_INTEGER_TYPES.has(type)) rules.push({sql: `abs(${expr}::HUGEINT) > ${MAX_SAFE_INTEGER}`, rule: "a safe integer"});
      if (scalar.int && kind !== "integer") rules.push({sql: `${expr} <> trunc(${expr})`, rule: "an integer"});
      if (scalar.min) rules.push({sql: `${expr} ${scalar.min.inclusive ? "<" : "<="} ${scalar.min.value}`, rule: `${scalar.min.inclusive ? ">=" : ">"} ${scalar.min.value}`});
      if (scalar.max) rules.push({sql: `${expr} ${scalar.max.inclusive ? ">" : ">="} ${scalar.max.value}`, rule: `${scalar.max.inclusive ? "<=" : "<"} ${scalar.max.value}`});
      break;
    }
    case "boolean":
      break;
    case "enum":
      // Not NOT IN: DuckDB plans a long IN list as a join, which does not keep the row order the file is written in.
      rules.push({sql: `NOT list_contains([${scalar.values.map(sqlString).join(", ")}], ${expr})`, rule: `one of ${scalar.values.join(", ")}`});
      break;
    case "literal": {
      const literal = typeof scalar.value === "string" ? sqlString(scalar.value) : String(scalar.value);
      rules.push({sql: `${expr} IS DISTINCT FROM ${literal}`, rule: `exactly ${JSON.stringify(scalar.value)}`});
      break;
    }
  }
  return rules;
}

/** One SQL condition (true = broken) out of a shape's rules for the value `expr` of DuckDB type `type`. */
function violation(expr: string, type: string, shape: Shape): {sql: string; rule: string} {
  const parts: {sql: string; rule: string}[] = [];
  if (!shape.nullable) parts.push({sql: `${expr} IS NULL`, rule: "not null"});
  if (shape.kind === "array") {
    const inner = type.slice(0, -2);
    const element = violation("x", inner, shape.element);
    if (element.sql !== "false") {
      parts.push({sql: `coalesce(list_bool_or(list_transform(${expr}, x -> ${element.sql})), false)`, rule: `every element ${element.rule}`});
    }
  } else {
    const written = valueExpression(expr, type, shape);
    for (const rule of scalarRules(written, type, shape)) parts.push({sql: `coalesce(${rule.sql}, false)`, rule: rule.rule});
  }
  if (!parts.length) return {sql: "false", rule: "any value"};
  return {sql: parts.map((p) => `(${p.sql})`).join(" OR "), rule: parts.map((p) => p.rule).join(", ")};
}

export interface RelationColumn {
  name: string;
  type: string;
}

export interface RowPlan {
  /** The file's columns in schema order: each one's name and the SQL of its value as written. */
  values: {column: string; sql: string}[];
  /** One rule per column: SQL true for a row that breaks it. */
  rules: ColumnRule[];
}

/**
 * Matches a compiled row schema with the columns a query returns. Throws a
 * message (without the file name) when a column is missing, unknown to a strict
 * schema, or of a type that cannot hold the schema's values.
 */
export function planRows(row: CompiledRow, relation: readonly RelationColumn[]): RowPlan {
  const types = new Map(relation.map((c) => [c.name, c.type]));
  const problems: string[] = [];
  for (const column of row.columns) {
    const type = types.get(column.name);
    if (type === undefined) problems.push(`${column.name}: missing from the table (columns: ${relation.map((c) => c.name).join(", ")})`);
    else {
      const mismatch = typeMismatch(column.shape, type);
      if (mismatch) problems.push(`${column.name}: ${mismatch}`);
    }
  }
  if (row.strict) {
    const known = new Set(row.columns.map((c) => c.name));
    for (const c of relation) if (!known.has(c.name)) problems.push(`${c.name}: not in the schema (it is .strict())`);
  }
  if (problems.length) throw new Error(problems.join("; "));
  const values = row.columns.map((c) => ({column: c.name, sql: valueExpression(sqlIdent(c.name), types.get(c.name)!, c.shape)}));
  const rules = row.columns.map((c) => ({column: c.name, ...violation(sqlIdent(c.name), types.get(c.name)!, c.shape)}));
  return {values, rules};
}
