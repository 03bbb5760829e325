/**
 * The export files of the data contract (shared/spec/data-contract.md): their
 * canonical names, which are required, and the columns each must or may have.
 * Order matters: it is the order files are listed in the manifest.
 */
import {lstatSync, realpathSync, statSync} from "node:fs";
import {join, relative, isAbsolute} from "node:path";
import {InputError} from "./errors.js";

export const EXPORT_NAMES = [
  "accounts",
  "invoice_lines",
  "opportunities",
  "products",
  "account_map",
  "demand_units",
  "fx_rates"
] as const;
export type ExportName = (typeof EXPORT_NAMES)[number];

export interface ExportSpec {
  name: ExportName;
  /** Required in billing mode (invoice_lines is not required in bookings mode). */
  required: boolean;
  requiredColumns: readonly string[];
  optionalColumns: readonly string[];
}

export const EXPORT_SPECS: Record<ExportName, ExportSpec> = {
  accounts: {
    name: "accounts",
    required: true,
    requiredColumns: ["account_id", "account_name"],
    optionalColumns: ["segment", "region", "industry", "owner", "in_target_profile", "created_date"]
  },
  invoice_lines: {
    name: "invoice_lines",
    required: true,
    requiredColumns: ["invoice_id", "customer_id", "product_id", "invoice_date", "amount"],
    optionalColumns: ["line_id", "currency"]
  },
  opportunities: {
    name: "opportunities",
    required: true,
    requiredColumns: ["opportunity_id", "account_id", "type", "stage", "created_date", "close_date"],
    optionalColumns: ["product_id", "amount", "owner", "buying_center", "source", "currency"]
  },
  products: {
    name: "products",
    required: false,
    requiredColumns: ["product_id", "product_name"],
    optionalColumns: ["product_family", "core"]
  },
  account_map: {
    name: "account_map",
    required: false,
    requiredColumns: ["customer_id", "account_id"],
    optionalColumns: []
  },
  demand_units: {
    name: "demand_units",
    required: false,
    requiredColumns: ["account_id", "product_id", "need", "fit", "urgency", "relationship", "data", "resources"],
    optionalColumns: ["buying_center", "assessed_date"]
  },
  fx_rates: {
    name: "fx_rates",
    required: false,
    requiredColumns: ["currency", "rate"],
    optionalColumns: ["month"]
  }
};

/** Every canonical column of a file, required first, in contract order. */
export function canonicalColumns(spec: ExportSpec): string[] {
  return [...spec.requiredColumns, ...spec.optionalColumns];
}

export type ExportFormat = "csv" | "parquet";

export interface FoundExport {
  name: ExportName;
  /** Path relative to the input folder, e.g. "invoice_lines.csv.gz". */
  relativePath: string;
  absolutePath: string;
  format: ExportFormat;
}

const SUFFIXES: ReadonlyArray<[string, ExportFormat]> = [
  [".csv", "csv"],
  [".csv.gz", "csv"],
  [".parquet", "parquet"]
];

/** Thrown when the input folder is ambiguous (two formats of the same export) or an export is not a readable file. */
export class ExportFileError extends InputError {}

/** Finds `<name>.csv`, `<name>.csv.gz` or `<name>.parquet` in the input folder; null when absent. */
export function findExport(inputDir: string, name: ExportName): FoundExport | null {
  const found = SUFFIXES.map(([suffix, format]) => ({suffix, format})).filter(({suffix}) => lstatOrNull(join(inputDir, name + suffix)));
  if (found.length > 1) {
    throw new ExportFileError(
      `The input folder ${inputDir} holds ${found.map((f) => name + f.suffix).join(" and ")}: keep only one of them, ` +
        `so that it is clear which export to read.`
    );
  }
  if (found.length === 0) return null;
  const {suffix, format} = found[0];
  checkExportFile(inputDir, name + suffix);
  return {name, relativePath: name + suffix, absolutePath: join(inputDir, name + suffix), format};
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * An export must be a regular file inside the input folder. A folder named like
 * an export, a named pipe (reading it would wait forever for a writer), a device,
 * or a broken link is refused; so is a symbolic link leading out of the input
 * folder: the run reads only what was put in that folder.
 */
export function checkExportFile(inputDir: string, relativePath: string): void {
  const path = join(inputDir, relativePath);
  const link = lstatSync(path);
  if (link.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(path);
    } catch {
      throw new ExportFileError(`${relativePath} is a symbolic link to a file that does not exist: replace it with the export itself.`);
    }
    const inside = relative(realpathSync(inputDir), target);
    if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) {
      throw new ExportFileError(
        `${relativePath} is a symbolic link to ${target}, outside the input folder ${inputDir}: ` +
          `copy the file into the input folder instead (exports are read only from there).`
      );
    }
  }
  const stat = statSync(path);
  if (stat.isFile()) return;
  const kind = stat.isDirectory() ? "a folder" : stat.isFIFO() ? "a named pipe (FIFO)" : stat.isSocket() ? "a socket" : "a device or special file";
  throw new ExportFileError(
    `${relativePath} in ${inputDir} is ${kind}, not a file: put the export itself there as a regular file` +
      (stat.isDirectory() ? ` (or move the files of that folder into ${inputDir})` : "") + "."
  );
}
