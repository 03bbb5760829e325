/**
 * The data-file reference: every file the pipeline writes, and every file the
 * site's data loaders derive from them, with columns, types and meanings,
 * rendered as markdown from the zod schemas (src/schemas/, src/lib/site-files.ts).
 * Written to docs/data-files.md (committed; tests/tools/docs checks it is current)
 * and served as the site page /guide/data-files (rendered by loaders/site/prepare.ts).
 */
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import type {ZodTypeAny} from "zod";
import {SITE_FILES} from "../../../src/lib/site-files.js";
import {OUTPUT_FILES} from "../../../src/schemas/index.js";
import {COLUMN_DESCRIPTIONS} from "./descriptions.js";
import {SERVED_DATA_FILES} from "../../site/served.js";
import {fileShape, type Column, type KnownRows} from "./schema-columns.js";

const SRC = resolve(import.meta.dirname, "../../../src");

export interface DescribedColumn extends Column {
  /** The schema's own `.describe()` text, else the descriptions map; undefined when neither has one. */
  meaning: string | undefined;
}

export interface DescribedFile {
  /** Name passed to loadData, e.g. "accounts". */
  name: string;
  /** Key of the descriptions map and heading: "accounts.json", or "data/pursue_now.json" for a site file. */
  file: string;
  description: string;
  origin: "ingest" | "metrics" | "site";
  kind: "rows" | "object";
  length?: number;
  /** A file with the same schema as an earlier file, whose columns apply. */
  sameAs?: string;
  /** How a page loads it, when a data loader in src/data serves it. */
  load?: string;
  columns: DescribedColumn[];
}

/** The descriptions-map key whose entries apply to `file`: itself, or the first pipeline file sharing its schema. */
function descriptionSource(file: string, schema: ZodTypeAny): string {
  if (COLUMN_DESCRIPTIONS[file]) return file;
  const twin = Object.values(OUTPUT_FILES).find((f) => f.schema === schema && COLUMN_DESCRIPTIONS[f.file]);
  return twin ? twin.file : file;
}

function patternMatches(pattern: string, path: string): boolean {
  const p = pattern.split(".");
  const c = path.split(".");
  return p.length === c.length && p.every((segment, i) => segment === "*" || segment === c[i]);
}

/** The map entry for a column: an exact key wins over a `*` pattern; fewer `*` wins. */
export function lookupDescription(file: string, path: string): {key: string; text: string} | undefined {
  const entries = COLUMN_DESCRIPTIONS[file];
  if (!entries) return undefined;
  if (entries[path] !== undefined) return {key: path, text: entries[path]};
  const candidates = Object.keys(entries)
    .filter((key) => key.includes("*") && patternMatches(key, path))
    .sort((a, b) => a.split("*").length - b.split("*").length);
  return candidates[0] === undefined ? undefined : {key: candidates[0], text: entries[candidates[0]]};
}

function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

/** The loadData line for a data loader in src/data, if there is one. */
function loadLine(name: string): string | undefined {
  if (name === "account_pages") {
    return existsSync(resolve(SRC, "data/account_pages.tar.js"))
      ? `const shard = await loadData(FileAttachment("data/account_pages/<NN>.json"), "account_pages"); (on the account page; NN = accountShard(id) from src/lib/slug.ts)`
      : undefined;
  }
  return servedByLoader(name) ? `const ${camel(name)} = await loadData(FileAttachment("data/${name}.json"), "${name}");` : undefined;
}

/** The site serves data/<name>.json: one of the files of its data archive (loaders/site/served.ts, src/data.tar.js). */
export function servedByLoader(name: string): boolean {
  return SERVED_DATA_FILES.has(`${name}.json`);
}

function describeColumns(columns: Column[], source: string): DescribedColumn[] {
  return columns.map((c) => ({...c, meaning: c.description ?? lookupDescription(source, c.path)?.text}));
}

/** Every pipeline output file, in registry order. */
export function describeOutputFiles(): DescribedFile[] {
  const firstWithSchema = new Map<ZodTypeAny, string>();
  return Object.entries(OUTPUT_FILES).map(([name, entry]): DescribedFile => {
    const shape = fileShape(entry.schema);
    const sameAs = firstWithSchema.get(entry.schema);
    if (!sameAs) firstWithSchema.set(entry.schema, entry.file);
    return {
      name,
      file: entry.file,
      description: entry.description,
      origin: entry.producer,
      kind: shape.kind,
      length: shape.length,
      sameAs,
      load: loadLine(name),
      columns: describeColumns(shape.columns, descriptionSource(entry.file, entry.schema))
    };
  });
}

/** Every file the site's loaders derive from pipeline outputs (src/lib/site-files.ts). */
export function describeSiteFiles(): DescribedFile[] {
  const known: KnownRows = new Map();
  for (const f of Object.values(OUTPUT_FILES)) {
    // The first file with a schema names it (figures.json, not the last figures_by_*.json).
    if (!known.has(f.schema)) known.set(f.schema, f.file);
    const element = (f.schema as {element?: ZodTypeAny}).element;
    if (element && !known.has(element)) known.set(element, f.file);
  }
  return Object.entries(SITE_FILES).map(([name, entry]): DescribedFile => {
    const shape = fileShape(entry.schema, known);
    const file = `data/${name}.json`;
    return {
      name,
      file,
      description: `Cut by a data loader from ${entry.file}.`,
      origin: "site",
      kind: shape.kind,
      length: shape.length,
      sameAs: known.get(entry.schema),
      load: loadLine(name),
      columns: describeColumns(shape.columns, file)
    };
  });
}

export function describeDataFiles(): DescribedFile[] {
  return [...describeOutputFiles(), ...describeSiteFiles()];
}

/** "file: column" for every column without a meaning (must stay empty: tests/tools/docs checks it). */
export function undescribedColumns(): string[] {
  return describeDataFiles()
    .filter((f) => !f.sameAs)
    .flatMap((f) => f.columns.filter((c) => !c.meaning).map((c) => `${f.file}: ${c.path}`));
}

/** "file: key" for every map entry that matches no column (stale after a rename). */
export function unusedDescriptions(): string[] {
  const files = describeDataFiles();
  const stale: string[] = [];
  for (const [file, entries] of Object.entries(COLUMN_DESCRIPTIONS)) {
    const described = files.find((f) => f.file === file);
    for (const key of Object.keys(entries)) {
      const used = described?.columns.some((c) => !c.description && lookupDescription(file, c.path)?.key === key);
      if (!used) stale.push(`${file}: ${key}`);
    }
  }
  return stale;
}

/** Markdown table cells may not contain a raw `|` or a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

/** Where the reference is read: on GitHub (docs/) or on the site; they slug headings differently. */
export type AnchorStyle = "github" | "framework";

/** The heading anchor of a file-name heading: GitHub drops dots and slashes, Framework turns them into dashes. */
export function anchor(file: string, style: AnchorStyle = "github"): string {
  if (style === "framework") return file.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return file.toLowerCase().replace(/[^a-z0-9_ -]/g, "").replace(/ /g, "-");
}

function renderFile(f: DescribedFile, link: (file: string) => string): string {
  const lines = [`### ${f.file}`, "", f.description, ""];
  const shape =
    f.kind === "object"
      ? "one JSON object"
      : f.file.endsWith(".csv")
        ? "a CSV file with a header row, one row per record"
        : `a JSON array, one object per row${f.length === undefined ? "" : ` (always exactly ${f.length} rows)`}`;
  lines.push(`- **Shape:** ${shape}.`);
  const by = {ingest: "the ingest step (facts of the run)", metrics: "the metrics models (`loaders/sql/marts/`)", site: "`loaders/site/prepare.ts`, at build time (served from `src/data.tar.js`)"};
  lines.push(`- **Written by:** ${by[f.origin]}.`);
  lines.push(f.load ? `- **On a page:** \`${f.load}\`` : "- **On a page:** not served as is; pages read it through a derived file below.");
  lines.push("");
  if (f.sameAs) {
    lines.push(`Same columns as ${link(f.sameAs)}.`, "");
    return lines.join("\n");
  }
  lines.push("| column | type | null? | meaning |", "|---|---|---|---|");
  for (const c of f.columns) {
    const nullability = [c.nullable ? "nullable" : "", c.optional ? "may be absent" : ""].filter(Boolean).join(", ") || "no";
    lines.push(`| \`${c.path}\` | ${cell(c.type)} | ${nullability} | ${cell(c.meaning ?? "**(no description)**")} |`);
  }
  lines.push("");
  return lines.join("\n");
}

/** The whole reference as markdown. Deterministic: same schemas and loaders, same bytes. */
export function renderDataFiles(style: AnchorStyle = "github"): string {
  const outputs = describeOutputFiles();
  const site = describeSiteFiles();
  const link = (file: string) => `[\`${file}\`](#${anchor(file, style)})`;
  const index = (files: DescribedFile[]) => [
    "| file | what | on a page |",
    "|---|---|---|",
    ...files.map((f) => `| ${link(f.file)} | ${cell(f.description)} | ${f.load ? `\`"${f.name}"\`` : "—"} |`)
  ];
  const out = [
    "# Data files",
    "",
    "<!-- Generated from the zod schemas (src/schemas/, src/lib/site-files.ts) by loaders/tools/docs/cli.ts.",
    "     Do not edit by hand: run `npx tsx loaders/tools/docs/cli.ts` (tests/tools/docs checks this file is current). -->",
    "",
    "Every file the pipeline writes into its output folder, and every file the site's build",
    "(`loaders/site/prepare.ts`) derives from them. Each is validated against its zod schema when it is",
    "written and again when a page loads it with `loadData`, so this reference, the pipeline and",
    "the pages cannot disagree. Load one on a page with",
    "`await loadData(FileAttachment(\"data/<name>.json\"), \"<name>\")` (see the guide).",
    "",
    "Conventions: ratios and shares are fractions (0.234, not 23.4); amounts are in the reporting",
    "currency (see `manifest.json`); dates are calendar dates `YYYY-MM-DD`; D is the as-of date and",
    "P the 12 months ending at D (see the metric definitions). A nested field is written with dots",
    "(`kpis.cross_sell_rate.value`), a field of each element of a list with `[]` (`files[].sha256`).",
    "",
    "## Pipeline output files",
    "",
    ...index(outputs),
    "",
    "## Files derived by the site",
    "",
    "Smaller files the data loaders cut from the outputs, so that a page downloads only what it shows.",
    "",
    ...index(site),
    "",
    "## Pipeline output files, column by column",
    ""
  ];
  for (const f of outputs) out.push(renderFile(f, link));
  out.push("## Files derived by the site, column by column", "");
  for (const f of site) out.push(renderFile(f, link));
  return `${out.join("\n").trimEnd()}\n`;
}
