/**
 * The run's configuration: one JSON file validated with zod. Every mistake is
 * reported with its path in the file (`bands.cross_sell_rate.low: expected
 * number`), unknown keys are errors (typo protection), and every key has a
 * default so that an empty object `{}` is a valid configuration. The default
 * bands are the catalog's (src/catalog/figures.ts).
 */
import {readFileSync} from "node:fs";
import {z} from "zod";
import {figureEntry} from "../../src/catalog/index.js";
import {bandedFigure} from "../../src/schemas/common.js";

/** The figures with a benchmark band: one list, from the catalog, shared with the output schemas. */
export const BANDED_FIGURES = bandedFigure.options;
export type BandedFigureName = (typeof BANDED_FIGURES)[number];

/** The default band of every figure (the catalog's, from benchmarks.md; high null = open-ended, never "above"). */
export const DEFAULT_BANDS = Object.fromEntries(
  BANDED_FIGURES.map((id) => {
    const {low, high} = figureEntry(id).band!;
    return [id, {low, high}];
  })
) as Record<BandedFigureName, {low: number | null; high: number | null}>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date written YYYY-MM-DD")
  .refine((s) => isRealDate(s), "not a calendar date");

const band = z
  .object({low: z.number().nullable(), high: z.number().nullable()})
  .strict()
  .refine((b) => b.low === null || b.high === null || b.low <= b.high, "low must not exceed high");

/** A per-segment override may give only one edge; the other comes from the global band. */
const bandOverride = z
  .object({low: z.number().nullable().optional(), high: z.number().nullable().optional()})
  .strict();

const bandsShape = Object.fromEntries(
  BANDED_FIGURES.map((f) => [f, band.default(DEFAULT_BANDS[f])])
) as {[K in BandedFigureName]: z.ZodDefault<typeof band>};

const overridesShape = Object.fromEntries(BANDED_FIGURES.map((f) => [f, bandOverride.optional()])) as {
  [K in BandedFigureName]: z.ZodOptional<typeof bandOverride>;
};

const fraction = z.number().min(0).max(1);

export const configSchema = z
  .object({
    currency: z.string().regex(/^[A-Za-z]{3}$/, "expected a 3-letter ISO 4217 code").default("USD").transform((s) => s.toUpperCase()),
    as_of: isoDate.optional(),
    grace_days: z.number().int().min(0).default(0),
    reject_limit: fraction.default(0.01),
    bands: z.object(bandsShape).strict().default({}),
    segment_bands: z.record(z.string(), z.object(overridesShape).strict()).default({}),
    tiers: z
      .object({a: fraction, b: fraction, c: fraction})
      .strict()
      .refine((t) => t.a <= t.b && t.b <= t.c, "tiers must satisfy a <= b <= c")
      .default({a: 0.5, b: 0.8, c: 0.95}),
    small_sample_min: z.number().int().min(1).default(5),
    white_space_min_holders: z.number().int().min(1).default(5),
    top_accounts: z
      .object({tiers: z.array(z.enum(["A", "B", "C", "D"])).default(["A", "B"]), max: z.number().int().min(0).default(250)})
      .strict()
      .default({}),
    mode: z.enum(["auto", "billing", "bookings"]).default("auto")
  })
  .strict();

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** A configuration mistake; `issues` are "path: message" lines. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = []
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Today's calendar date in UTC, as YYYY-MM-DD: the run date unless --today gives one. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A size DuckDB's memory_limit accepts: a number and a unit, e.g. 800MB, 1GB, 1.5 GiB. */
export function isMemorySize(text: string): boolean {
  return /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(text.trim());
}

/** Formats zod issues as "path: message", the path as written in the file. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join(".") : "(top level)";
    let message = issue.message;
    if (issue.code === "invalid_type") message = `expected ${issue.expected}, got ${issue.received}`;
    if (issue.code === "unrecognized_keys") message = `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    return `${path}: ${message}`;
  });
}

/** Validates a parsed JSON value; `source` names it in the message. */
export function parseConfig(value: unknown, source = "configuration"): Config {
  const result = configSchema.safeParse(value ?? {});
  if (!result.success) {
    const issues = formatIssues(result.error);
    throw new ConfigError(`Invalid configuration in ${source}:\n  ${issues.join("\n  ")}`, issues);
  }
  return result.data;
}

/** Reads and validates a configuration file. */
export function loadConfigFile(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(`Cannot read the configuration file ${file}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new ConfigError(`The configuration file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(value, file);
}

/** Command-line flags that override the file. */
export interface ConfigOverrides {
  as_of?: string;
  reject_limit?: number;
  mode?: Config["mode"];
}

export function applyOverrides(config: Config, overrides: ConfigOverrides): Config {
  const merged: Record<string, unknown> = {...config};
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) merged[key] = value;
  return parseConfig(merged, "command-line flags");
}

/** One row of cfg_bands: global rows (segment null) then every segment override, merged with the global band. */
export interface BandRow {
  figure: BandedFigureName;
  segment: string | null;
  low: number | null;
  high: number | null;
}

export function bandRows(config: Config): BandRow[] {
  const rows: BandRow[] = BANDED_FIGURES.map((figure) => ({figure, segment: null, ...config.bands[figure]}));
  for (const segment of Object.keys(config.segment_bands).sort()) {
    const overrides = config.segment_bands[segment];
    for (const figure of BANDED_FIGURES) {
      const o = overrides[figure];
      if (!o) continue;
      const g = config.bands[figure];
      rows.push({figure, segment, low: o.low === undefined ? g.low : o.low, high: o.high === undefined ? g.high : o.high});
    }
  }
  return rows;
}
