/**
 * The column tables of docs/exports.md (the export formats the pipeline reads),
 * generated from the header checks themselves: which files exist, which
 * columns each has and whether a column is required come from EXPORT_SPECS
 * through headerSchema (loaders/pipeline/ingest/), the zod schema every export's header
 * is checked against. Only the type and the meaning of each column are written
 * here. The prose of docs/exports.md is written by hand around the tables:
 * the generator replaces only what lies between
 *   <!-- generated: exports/<name> -->  and  <!-- /generated -->
 * (tests/tools/docs checks that the committed page is current).
 */
import {EXPORT_NAMES, EXPORT_SPECS, type ExportName} from "../../pipeline/ingest/files.js";
import {headerSchema} from "../../pipeline/ingest/header.js";

interface ColumnDoc {
  type: string;
  meaning: string;
}

interface ExportDoc {
  /** What one row is. */
  row: string;
  /** Whether the file itself must be there. */
  presence: string;
  columns: Record<string, ColumnDoc>;
}

const text = "text";
const date = "date (`YYYY-MM-DD`)";
const decimal = "decimal";
const score = (what: string): ColumnDoc => ({type: "integer 0–3", meaning: `Score for ${what} (0 = absent).`});

export const EXPORT_DOCS: Record<ExportName, ExportDoc> = {
  accounts: {
    row: "customer organisation in the CRM",
    presence: "always required",
    columns: {
      account_id: {type: text, meaning: "The CRM's key of the account; unique in the file."},
      account_name: {type: text, meaning: "Name shown in the report; any characters are fine (commas, quotes, `<`, emoji)."},
      segment: {type: text, meaning: "Customer segment, e.g. `SMB` or `Enterprise`. Empty: the segment `Unknown`."},
      region: {type: text, meaning: "Sales region, e.g. `EMEA`."},
      industry: {type: text, meaning: "Industry of the customer."},
      owner: {type: text, meaning: "Account manager who owns the account."},
      in_target_profile: {type: "boolean", meaning: "Whether the account fits the ideal customer profile: `true`/`false`, `1`/`0` or `yes`/`no`, any letter case. Empty: unknown."},
      created_date: {type: date, meaning: "When the account was created in the CRM."}
    }
  },
  invoice_lines: {
    row: "line of an invoice in the billing system",
    presence: "required in billing mode; without it (or with `--mode bookings`) the run is in bookings mode, where every won deal is a revenue line on its close date",
    columns: {
      invoice_id: {type: text, meaning: "The invoice the line belongs to."},
      customer_id: {type: text, meaning: "The billing system's customer; it is the CRM `account_id` unless `account_map.csv` maps it to one."},
      product_id: {type: text, meaning: "The product billed on the line."},
      invoice_date: {type: date, meaning: "Date of the invoice. A timestamp is accepted: with a zone it counts at its UTC date, without one at its written date."},
      amount: {type: decimal, meaning: "Net amount of the line, `.` as decimal separator and no thousands separator. Negative: a credit."},
      line_id: {type: text, meaning: "The line's key within its invoice; `(invoice_id, line_id)` must be unique when it is given."},
      currency: {type: "text (ISO 4217)", meaning: "Currency of `amount`. Empty: the reporting currency."}
    }
  },
  opportunities: {
    row: "deal in the CRM",
    presence: "always required",
    columns: {
      opportunity_id: {type: text, meaning: "The CRM's key of the deal; unique in the file."},
      account_id: {type: text, meaning: "The account the deal is with; must be in `accounts.csv`."},
      type: {type: "one of `new_business`, `cross_sell`, `upsell`, `renewal`, `other`", meaning: "Kind of deal (any letter case). A mapping can derive it for CRMs that do not record it."},
      stage: {type: "one of `open`, `won`, `lost`", meaning: "Where the deal stands (any letter case)."},
      created_date: {type: date, meaning: "When the deal was opened."},
      close_date: {type: date, meaning: "When it was won or lost; required for a `won` or `lost` deal, and not before `created_date`."},
      product_id: {type: text, meaning: "Main product of the deal."},
      amount: {type: decimal, meaning: "Value of the deal. Empty counts as 0 in the value-weighted win rates."},
      owner: {type: text, meaning: "Sales person who owns the deal."},
      buying_center: {type: text, meaning: "Department or function buying (used by the priority matrix)."},
      source: {type: text, meaning: "Where the deal came from, e.g. `csm`, `account_manager`, `marketing`."},
      currency: {type: "text (ISO 4217)", meaning: "Currency of `amount`. Empty: the reporting currency."}
    }
  },
  products: {
    row: "product of the catalog",
    presence: "optional; without it the catalog is every product seen in billing and deals, each named by its id and part of the full suite",
    columns: {
      product_id: {type: text, meaning: "Key of the product; unique in the file. With a catalog, billing lines, deals and demand units must name a product in it."},
      product_name: {type: text, meaning: "Name shown in the report."},
      product_family: {type: text, meaning: "Product line the product belongs to."},
      core: {type: "boolean", meaning: "Part of the full suite every target customer should own. Empty or absent: `true`."}
    }
  },
  account_map: {
    row: "billing customer mapped to a CRM account",
    presence: "optional",
    columns: {
      customer_id: {type: text, meaning: "The billing customer; unique in the file. The map wins over an equal `account_id`."},
      account_id: {type: text, meaning: "The CRM account it belongs to (several customers may map to one account); must be in `accounts.csv`."}
    }
  },
  demand_units: {
    row: "assessed buying need of an account for a product (the priority matrix)",
    presence: "optional; without it every (account, product) white-space pair is derived as one unit",
    columns: {
      account_id: {type: text, meaning: "The account assessed; must be in `accounts.csv`."},
      product_id: {type: text, meaning: "The product the need is for."},
      need: {type: "integer 0–3", meaning: "How much the unit needs the product; 0 disqualifies the unit."},
      fit: score("how well the product fits"),
      urgency: score("how soon the unit must act"),
      relationship: score("the relationship with the buyers"),
      data: score("what is known about the unit"),
      resources: score("the budget and people the unit has"),
      buying_center: {type: text, meaning: "Department or function within the account; one account may have several units per product."},
      assessed_date: {type: date, meaning: "When the scores were given."}
    }
  },
  fx_rates: {
    row: "exchange rate",
    presence: "optional; required as soon as a line or deal is in another currency than the reporting one",
    columns: {
      currency: {type: "text (ISO 4217)", meaning: "The currency converted from."},
      rate: {type: "positive decimal", meaning: "Reporting-currency units per one unit of `currency`."},
      month: {type: "month (`YYYY-MM`)", meaning: "Month the rate applies to. Empty: the currency's rate for any month without its own."}
    }
  }
};

/** Cells may hold neither a raw `|` nor a line break. */
function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

/** Every column of an export in header-check order (required first), with whether the check requires it. */
export function exportColumns(name: ExportName): {column: string; required: boolean}[] {
  const shape = headerSchema(EXPORT_SPECS[name]).shape;
  return Object.entries(shape).map(([column, check]) => ({column, required: !check.isOptional()}));
}

/** The generated block of one export: what a row is, whether the file is needed, its column table. */
export function renderExportTable(name: ExportName): string {
  const doc = EXPORT_DOCS[name];
  const lines = [
    `One row per ${doc.row}. The file is ${doc.presence}.`,
    "",
    "| column | type | required | meaning |",
    "|---|---|---|---|"
  ];
  for (const {column, required} of exportColumns(name)) {
    const c = doc.columns[column];
    lines.push(`| \`${column}\` | ${cell(c?.type ?? "**(undocumented)**")} | ${required ? "yes" : "no"} | ${cell(c?.meaning ?? "**(undocumented)**")} |`);
  }
  return lines.join("\n");
}

/** "file: column" for each column without a type and meaning, and each description of a column that does not exist. */
export function exportDocProblems(): string[] {
  const problems: string[] = [];
  for (const name of EXPORT_NAMES) {
    const columns = exportColumns(name).map((c) => c.column);
    for (const c of columns) if (!EXPORT_DOCS[name].columns[c]) problems.push(`${name}.csv: ${c} has no description`);
    for (const c of Object.keys(EXPORT_DOCS[name].columns)) if (!columns.includes(c)) problems.push(`${name}.csv: ${c} is described but is no column`);
  }
  return problems;
}

const BLOCK = /(<!-- generated: exports\/([a-z_]+) -->)[\s\S]*?(<!-- \/generated -->)/g;

/**
 * The page with every generated block rewritten from the code. Throws when a
 * block names no export, or when an export has no block (the page must list them all).
 */
export function renderExportsDoc(page: string): string {
  const seen = new Set<string>();
  const out = page.replace(BLOCK, (_, open: string, name: string, close: string) => {
    if (!(EXPORT_NAMES as readonly string[]).includes(name)) throw new Error(`docs/exports.md: no export is called "${name}"`);
    seen.add(name);
    return `${open}\n${renderExportTable(name as ExportName)}\n${close}`;
  });
  const missing = EXPORT_NAMES.filter((n) => !seen.has(n));
  if (missing.length) throw new Error(`docs/exports.md has no generated block for ${missing.map((n) => `${n}.csv`).join(", ")}`);
  return out;
}
