/**
 * The mapping-file schema (zod, strict): how a foreign export folder maps onto
 * the canonical files of shared/spec/data-contract.md. Presets are mapping
 * files too (loaders/pipeline/mapping/presets/*.json). Every mistake is reported with
 * its key path in the file (`files.opportunities.columns.stag: unknown
 * canonical column "stag" of opportunities (closest: "stage")`).
 */
import {z} from "zod";
import {canonicalColumns, EXPORT_NAMES, EXPORT_SPECS, type ExportName} from "../ingest/files.js";
import {closestMatch} from "./closest.js";
import {parseDateFormat} from "./dates.js";

/** Type values a CRM gives that only hint at the type: derive_type replaces them (and empty types). */
export const TYPE_HINTS = ["existing_business", "existing_business_renewal"] as const;

const nonEmpty = z.string().min(1, "must not be empty");

/** A source column, or several alternatives (the first one present in the file is used). */
const columnSource = z.union([nonEmpty, z.array(nonEmpty).min(1, "list at least one column")]);

const valueMap = z
  .object({
    /** source value → canonical value (compared after trimming). */
    map: z.record(z.string(), z.string()).default({}),
    case_insensitive: z.boolean().default(false),
    /** Value for a non-empty source value that is not in the map (empty cells stay empty). */
    default: z.string().optional()
  })
  .strict();

const dateFormat = z.string().superRefine((format, ctx) => {
  const problem = parseDateFormat(format).error;
  if (problem) ctx.addIssue({code: z.ZodIssueCode.custom, message: problem});
});

const numberFormat = z
  .object({
    /** The export writes amounts in cents (Stripe): divide by 100. */
    cents: z.boolean().default(false),
    decimal: z.enum([".", ","]).default("."),
    thousands: z.enum(["", ",", ".", " ", "'"]).default("")
  })
  .strict()
  .refine((n) => n.decimal !== n.thousands, "decimal and thousands separators must differ");

const fileMapping = z
  .object({
    /** File name or glob (`*`, `?`) in the input folder, or a list of them: .csv, .csv.gz, .tsv, .txt or .xlsx. */
    source: z.union([nonEmpty, z.array(nonEmpty).min(1)]),
    /** Worksheet of an .xlsx source (default: the first sheet). */
    sheet: nonEmpty.optional(),
    /** Field delimiter of a text source: one character, or "tab". */
    delimiter: z
      .string()
      .refine((d) => d === "tab" || d.length === 1, 'expected one character or "tab"')
      .default(","),
    /** When true, no matching file is not an error (the canonical file is simply absent). */
    optional: z.boolean().default(false),
    /** canonical column ← source column(s). */
    columns: z.record(z.string(), columnSource).default({}),
    /** Canonical columns whose source column may be missing from the export (the column is then left out). */
    optional_columns: z.array(nonEmpty).default([]),
    /** canonical column ← a fixed value for every row. */
    constants: z.record(z.string(), z.string()).default({}),
    values: z.record(z.string(), valueMap).default({}),
    /** canonical column → date format(s) of its source, tried in order, e.g. "MM/DD/YYYY", ["ISO", "M/D/YYYY"], "unix_seconds". */
    dates: z.record(z.string(), z.union([dateFormat, z.array(dateFormat).min(1)])).default({}),
    numbers: z.record(z.string(), numberFormat).default({}),
    /** canonical column → letter case of the output (e.g. Stripe writes currencies as "usd"). */
    case: z.record(z.string(), z.enum(["upper", "lower"])).default({}),
    /** opportunities only: derive the type where the mapped type is empty or a hint (see derive.ts). */
    derive_type: z.enum(["holdings", "won_before_engaged"]).optional(),
    /** accounts only: owner = the opportunity owner with the most opportunities on the account. */
    derive_owner: z.literal("most_opportunities").optional()
  })
  .strict();

const filesShape = Object.fromEntries(EXPORT_NAMES.map((n) => [n, fileMapping.optional()])) as {
  [K in ExportName]: z.ZodOptional<typeof fileMapping>;
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date written YYYY-MM-DD");

export const mappingSchema = z
  .object({
    /** A preset name (salesforce, hubspot, stripe) or a mapping file path relative to this file. */
    extends: z.union([nonEmpty, z.array(nonEmpty)]).optional(),
    description: z.string().optional(),
    /** Largest rejected share of a file for this run (0–1), e.g. 0.25 for an export known to hold incomplete deals. */
    reject_limit: z.number().min(0).max(1).optional(),
    mode: z.enum(["billing", "bookings"]).optional(),
    as_of: isoDate.optional(),
    files: z.object(filesShape).strict().default({})
  })
  .strict()
  .superRefine((mapping, ctx) => {
    for (const name of EXPORT_NAMES) {
      const file = mapping.files[name];
      if (file) checkFileColumns(name, file, ctx);
    }
  });

export type Mapping = z.output<typeof mappingSchema>;
export type FileMapping = z.output<typeof fileMapping>;
export type ValueMap = z.output<typeof valueMap>;
export type NumberFormat = z.output<typeof numberFormat>;

/** Column keys must be canonical columns of their file; every required column must get a value. */
function checkFileColumns(name: ExportName, file: FileMapping, ctx: z.RefinementCtx): void {
  const spec = EXPORT_SPECS[name];
  const known = canonicalColumns(spec);
  for (const section of ["columns", "constants", "values", "dates", "numbers", "case", "optional_columns"] as const) {
    const keys = section === "optional_columns" ? file.optional_columns : Object.keys(file[section]);
    for (const [index, key] of keys.entries()) {
      if (known.includes(key)) continue;
      const near = closestMatch(key, known);
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["files", name, section, section === "optional_columns" ? index : key],
        message: `unknown canonical column "${key}" of ${name}${near ? ` (closest: "${near}")` : ""}; known: ${known.join(", ")}`
      });
    }
  }
  if (file.derive_type && name !== "opportunities") {
    ctx.addIssue({code: z.ZodIssueCode.custom, path: ["files", name, "derive_type"], message: "only opportunities have a derived type"});
  }
  if (file.derive_owner && name !== "accounts") {
    ctx.addIssue({code: z.ZodIssueCode.custom, path: ["files", name, "derive_owner"], message: "only accounts have a derived owner"});
  }
  for (const column of spec.requiredColumns) {
    const given =
      (column in file.columns && !file.optional_columns.includes(column)) || column in file.constants || (column === "type" && file.derive_type !== undefined);
    if (!given) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["files", name, "columns", column],
        message: `required column "${column}" of ${name} is not mapped: give its source column${column === "type" ? ", a constant or derive_type" : " or a constant"}`
      });
    }
  }
}

/** Valid keys at a path of the mapping file, for "closest key" hints on unknown keys. */
function validKeysAt(path: (string | number)[]): string[] {
  if (path.length === 0) return Object.keys(mappingSchema._def.schema.shape);
  if (path.length === 1 && path[0] === "files") return [...EXPORT_NAMES];
  if (path.length === 2 && path[0] === "files") return Object.keys(fileMapping.shape);
  if (path.length === 4 && path[0] === "files" && path[2] === "values") return ["map", "case_insensitive", "default"];
  if (path.length === 4 && path[0] === "files" && path[2] === "numbers") return ["cents", "decimal", "thousands"];
  return [];
}

/** zod issues as "key.path: message" lines, the path as written in the mapping file. */
export function formatMappingIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      const valid = validKeysAt(issue.path);
      return issue.keys
        .map((key) => {
          const path = [...issue.path, key].join(".");
          const near = closestMatch(key, valid);
          return `${path}: unknown key${near ? ` (did you mean "${near}"?)` : ""}${valid.length ? `; allowed: ${valid.join(", ")}` : ""}`;
        })
        .join("\n");
    }
    const path = issue.path.length ? issue.path.join(".") : "(top level)";
    let message = issue.message;
    if (issue.code === "invalid_type") message = `expected ${issue.expected}, got ${issue.received}`;
    if (issue.code === "invalid_union") {
      // zod reports a union failure without detail; the most helpful one is the first branch's message.
      const first = issue.unionErrors[0]?.issues[0];
      message = first ? (first.code === "invalid_type" ? `expected ${first.expected}` : first.message) : message;
    }
    if (issue.code === "invalid_enum_value") message = `expected one of ${issue.options.map((o) => JSON.stringify(o)).join(", ")}, got ${JSON.stringify(issue.received)}`;
    return `${path}: ${message}`;
  });
}

/** A mistake in a mapping file or preset; `issues` are "key.path: message" lines. */
export class MappingError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = []
  ) {
    super(message);
    this.name = "MappingError";
  }
}

/** Validates a (merged) mapping; `source` names it in the message. */
export function parseMapping(value: unknown, source: string): Mapping {
  const result = mappingSchema.safeParse(value);
  if (!result.success) {
    const issues = formatMappingIssues(result.error).flatMap((l) => l.split("\n"));
    throw new MappingError(`Invalid mapping in ${source}:\n  ${issues.join("\n  ")}`, issues);
  }
  return result.data;
}
