import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gunzipSync} from "node:zlib";
import {beforeAll, describe, expect, it} from "vitest";
import {TRICKY_NAMES} from "../../../loaders/tools/sample/catalog.js";
import {DEFAULT_SAMPLE_OPTIONS, generateSample, SAMPLE_FILES, type SampleOptions, type SampleSummary} from "../../../loaders/tools/sample/generate.js";
import {sqlString} from "../../../loaders/pipeline/db.js";
import {query} from "./helpers.js";

// Headers copied from shared/spec/data-contract.md (not from the generator), in the order the generator writes them.
const CANONICAL_HEADERS: Record<(typeof SAMPLE_FILES)[number], string> = {
  accounts: "account_id,account_name,segment,region,industry,owner,in_target_profile,created_date",
  invoice_lines: "invoice_id,line_id,customer_id,product_id,invoice_date,amount,currency",
  opportunities:
    "opportunity_id,account_id,product_id,type,stage,amount,created_date,close_date,owner,buying_center,source,currency",
  products: "product_id,product_name,product_family,core",
  account_map: "customer_id,account_id",
  demand_units: "account_id,buying_center,product_id,need,fit,urgency,relationship,data,resources,assessed_date",
  fx_rates: "currency,month,rate"
};

const small = (out: string, extra: Partial<SampleOptions> = {}): SampleOptions => ({
  ...DEFAULT_SAMPLE_OPTIONS,
  out,
  accounts: 400,
  invoiceLines: 7000,
  opportunities: 1500,
  demandUnits: 40,
  ...extra
});

let dirA: string;
let dirB: string;
let summary: SampleSummary;
const csv = (name: string) => join(dirA, `${name}.csv`);
const all = (name: string) => `read_csv(${sqlString(csv(name))}, header = true, all_varchar = true)`;

beforeAll(async () => {
  dirA = mkdtempSync(join(tmpdir(), "sample-a-"));
  dirB = mkdtempSync(join(tmpdir(), "sample-b-"));
  summary = await generateSample(small(dirA));
  await generateSample(small(dirB));
});

describe("determinism", () => {
  it("writes byte-identical files for the same seed", () => {
    for (const name of SAMPLE_FILES) {
      expect(readFileSync(join(dirB, `${name}.csv`)).equals(readFileSync(csv(name))), name).toBe(true);
    }
  });

  it("writes different data for another seed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sample-c-"));
    await generateSample(small(dir, {seed: 1}));
    expect(readFileSync(join(dir, "invoice_lines.csv")).equals(readFileSync(csv("invoice_lines")))).toBe(false);
  });

  it("with --gzip writes the same content compressed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sample-gz-"));
    await generateSample(small(dir, {gzip: true}));
    for (const name of SAMPLE_FILES) {
      expect(gunzipSync(readFileSync(join(dir, `${name}.csv.gz`))).equals(readFileSync(csv(name))), name).toBe(true);
    }
  });
});

describe("format", () => {
  it("has exactly the canonical header in every file, \\n line ends and no BOM", () => {
    for (const name of SAMPLE_FILES) {
      const text = readFileSync(csv(name), "utf8");
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
      expect(text.slice(0, text.indexOf("\n")), name).toBe(CANONICAL_HEADERS[name]);
      expect(text.includes("\r\n"), name).toBe(false);
    }
  });

  it("bills 36 months ending on the end date, so the default as-of is 2026-09-30", async () => {
    const [row] = await query(
      `select strftime(min(try_cast(invoice_date as date)), '%Y-%m') as first, max(try_cast(invoice_date as date))::varchar as last from ${all("invoice_lines")}`
    );
    expect(row).toEqual({first: "2023-10", last: "2026-09-30"});
  });

  it("dates nothing after the end date, except expected close dates of open deals", async () => {
    const [row] = await query(
      `select max(try_cast(left(created_date, 10) as date))::varchar as created,
              max(try_cast(close_date as date)) filter (where stage <> 'open')::varchar as closed,
              count(*) filter (where stage = 'open' and close_date is not null)::int as open_with_close,
              min(try_cast(close_date as date)) filter (where stage = 'open')::varchar as open_close_from
       from ${all("opportunities")}`
    );
    expect(row.created! <= "2026-09-30").toBe(true);
    expect(row.closed! <= "2026-09-30" && row.closed! >= "2026-09-01").toBe(true); // deals close up to the last month
    expect(row.open_with_close).toBeGreaterThan(0);
    expect(row.open_close_from! > "2026-09-30").toBe(true);
  });

  it("honours another end date", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sample-end-"));
    await generateSample(small(dir, {accounts: 100, invoiceLines: 2000, opportunities: 300, end: "2025-12-15"}));
    const [row] = await query(
      `select strftime(min(try_cast(invoice_date as date)), '%Y-%m') as first, max(try_cast(invoice_date as date))::varchar as last
       from read_csv(${sqlString(join(dir, "invoice_lines.csv"))}, all_varchar = true)`
    );
    expect(row).toEqual({first: "2023-01", last: "2025-12-15"});
  });

  it("comes close to the requested row counts", () => {
    expect(summary.invoiceLines.lines).toBeGreaterThan(7000 * 0.85);
    expect(summary.invoiceLines.lines).toBeLessThan(7000 * 1.15);
    expect(summary.opportunities.rows).toBeGreaterThan(1500 * 0.85);
    expect(summary.opportunities.rows).toBeLessThan(1500 * 1.15);
  });

  it("splits charges into several lines when asked for more lines than monthly billing gives", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sample-many-"));
    const big = await generateSample(small(dir, {accounts: 100, invoiceLines: 8000, opportunities: 600}));
    expect(big.invoiceLines.lines).toBeGreaterThan(8000 * 0.9);
    expect(big.invoiceLines.lines).toBeLessThan(8000 * 1.1);
  });
});

describe("content", () => {
  it("tricky account names round-trip through the CSV (read back with DuckDB)", async () => {
    const rows = await query(
      `select account_name from ${all("accounts")} where account_id <= 'ACC-${String(TRICKY_NAMES.length).padStart(6, "0")}' order by account_id`
    );
    expect(rows.map((r) => r.account_name)).toEqual(TRICKY_NAMES);
    expect(TRICKY_NAMES.filter((n) => n.includes("\n"))).toHaveLength(1);
    for (const start of ["=", "+", "-", "@"]) expect(TRICKY_NAMES.some((n) => n.startsWith(start))).toBe(true);
  });

  it("tricky-name accounts are customers, so their names reach the report", async () => {
    const [row] = await query(
      `select count(distinct customer_id)::int as n from ${all("invoice_lines")} where customer_id <= 'ACC-${String(TRICKY_NAMES.length).padStart(6, "0")}' and customer_id like 'ACC-%'`
    );
    expect(row.n).toBe(TRICKY_NAMES.length);
  });

  it("uses every in_target_profile spelling and the segments, regions of the brief", async () => {
    const [row] = await query(
      `select list_sort(list_distinct(list(coalesce(in_target_profile, '')))) as target,
              list_sort(list_distinct(list(coalesce(segment, '')))) as segments,
              list_sort(list_distinct(list(coalesce(region, '')))) as regions
       from ${all("accounts")}`
    );
    expect(row.target).toEqual(["", "0", "1", "false", "no", "true", "yes"]);
    expect(row.segments).toEqual(["", "Enterprise", "Mid-Market", "SMB"]);
    expect(row.regions).toEqual(["", "APAC", "EMEA", "LATAM", "NA"]);
  });

  it("has six products in three families, five core and one non-core", async () => {
    const [row] = await query(
      `select count(*)::int as products, count(distinct product_family)::int as families,
              count(*) filter (where core = 'true')::int as core, count(*) filter (where core = 'false')::int as non_core
       from ${all("products")}`
    );
    expect(row).toEqual({products: 6, families: 3, core: 5, non_core: 1});
  });

  it("bills only known accounts, mapped customers and a few deliberately unmatched ones", async () => {
    const rows = await query(
      `select distinct l.customer_id from ${all("invoice_lines")} l
       where l.customer_id not in (select account_id from ${all("accounts")})
         and l.customer_id not in (select customer_id from ${all("account_map")})
       order by 1`
    );
    expect(rows.map((r) => r.customer_id)).toEqual(["BILL-UNM-001", "BILL-UNM-002"]);
    const [mapped] = await query(
      `select count(*)::int as n, count(*) filter (where account_id not in (select account_id from ${all("accounts")}))::int as unknown,
              count(*) filter (where customer_id in (select customer_id from ${all("invoice_lines")}))::int as billed
       from ${all("account_map")}`
    );
    expect(mapped.n).toBeGreaterThan(0);
    expect(mapped.unknown).toBe(0);
    expect(mapped.billed).toBe(mapped.n);
  });

  it("has USD, EUR and empty currencies, with EUR rates for most months and a constant fallback", async () => {
    const [cur] = await query(`select list_sort(list_distinct(list(coalesce(currency, '')))) as c from ${all("invoice_lines")}`);
    expect(cur.c).toEqual(["", "EUR", "GBP", "USD"]); // GBP: the planted missing-rate line
    const [fx] = await query(
      `select count(*) filter (where month is not null)::int as monthly, count(*) filter (where month is null)::int as constant,
              list_distinct(list(currency)) as currencies from ${all("fx_rates")}`
    );
    // 2023-04 … 2026-09 is 42 months; three are left out on purpose.
    expect(fx).toEqual({monthly: 39, constant: 1, currencies: ["EUR"]});
  });

  it("has credits, including products that were only ever credited", async () => {
    const [row] = await query(
      `with pairs as (select customer_id, product_id, max(try_cast(amount as double)) as top, min(try_cast(amount as double)) as bottom
                      from ${all("invoice_lines")} group by all)
       select count(*) filter (where bottom < 0)::int as with_credit, count(*) filter (where top < 0)::int as credit_only from pairs`
    );
    expect(row.with_credit).toBeGreaterThan(row.credit_only as number);
    expect(row.credit_only).toBeGreaterThanOrEqual(3);
  });

  it("has opportunities of every type and stage, with buying centers and sources", async () => {
    const [row] = await query(
      `select list_sort(list_distinct(list(type))) as types, list_sort(list_distinct(list(stage))) as stages,
              count(buying_center)::int as centers, count(source)::int as sources,
              count(*) filter (where currency = 'EUR')::int as eur
       from ${all("opportunities")}`
    );
    expect(row.types).toEqual(["Cross-Sell", "cross_sell", "new_business", "other", "renewal", "upsell"]);
    expect(row.stages).toEqual(["lost", "open", "won"]);
    expect(row.centers).toBeGreaterThan(0);
    expect(row.sources).toBeGreaterThan(0);
    expect(row.eur).toBeGreaterThan(0);
  });

  it("has demand units with scores 0–3, some disqualified by need 0", async () => {
    const [row] = await query(
      `select count(*)::int as n, min(least(need, fit, urgency, relationship, data, resources)::int) as lo,
              max(greatest(need, fit, urgency, relationship, data, resources)::int) as hi,
              count(*) filter (where need = '0')::int as need_zero,
              count(distinct (account_id, coalesce(buying_center, ''), product_id))::int as distinct_units
       from ${all("demand_units")}`
    );
    expect(row).toMatchObject({n: 40, lo: 0, hi: 3, distinct_units: 40});
    expect(row.need_zero).toBeGreaterThan(0);
  });
});

describe("planted defects (data/README.md)", () => {
  it("invoice_lines.csv: bad date ×2, bad amount, unknown product, missing fx rate, duplicate key", async () => {
    const rows = await query(
      `select
         count(*) filter (where invoice_date in ('2025-02-30', '31/12/2025'))::int as bad_dates,
         count(*) filter (where amount = '12O.50')::int as bad_amounts,
         count(*) filter (where product_id = 'LEGACY-X')::int as unknown_products,
         count(*) filter (where currency = 'GBP')::int as no_rate,
         count(*)::int as total
       from ${all("invoice_lines")}`
    );
    expect(rows[0]).toMatchObject({bad_dates: 2, bad_amounts: 1, unknown_products: 1, no_rate: 1});
    const dups = await query(`select invoice_id, line_id from ${all("invoice_lines")} group by all having count(*) > 1`);
    expect(dups).toHaveLength(1);
    expect(6 / (rows[0].total as number)).toBeLessThan(0.01);
  });

  it("opportunities.csv: close before created, duplicate id, unknown account, unknown type", async () => {
    const [row] = await query(
      `select
         count(*) filter (where try_cast(close_date as date) < try_cast(left(created_date, 10) as date))::int as close_before_created,
         count(*) filter (where account_id = 'ACC-DELETED')::int as unknown_account,
         count(*) filter (where type not in ('new_business', 'cross_sell', 'upsell', 'renewal', 'other'))::int as bad_type,
         (count(*) - count(distinct opportunity_id))::int as duplicate_ids,
         count(*)::int as total
       from ${all("opportunities")}`
    );
    expect(row).toMatchObject({close_before_created: 1, unknown_account: 1, bad_type: 1, duplicate_ids: 1});
    expect(4 / (row.total as number)).toBeLessThan(0.01);
  });

  it("accounts.csv: one duplicate id and one empty name, nothing else wrong", async () => {
    const [row] = await query(
      `select (count(*) - count(distinct account_id))::int as duplicate_ids,
              count(*) filter (where account_name is null)::int as empty_names,
              count(*) filter (where try_cast(created_date as date) is null and created_date is not null)::int as bad_dates,
              count(*)::int as total
       from ${all("accounts")}`
    );
    expect(row).toMatchObject({duplicate_ids: 1, empty_names: 1, bad_dates: 0});
    expect(2 / (row.total as number)).toBeLessThan(0.01);
  });

  it("the small files carry no defects (one bad row would exceed the 1% limit)", async () => {
    const [row] = await query(
      `select
         (select count(*) from ${all("fx_rates")} where try_cast(rate as double) is null)::int as bad_rates,
         (select count(*) - count(distinct product_id) from ${all("products")})::int as dup_products,
         (select count(*) - count(distinct customer_id) from ${all("account_map")})::int as dup_map`
    );
    expect(row).toEqual({bad_rates: 0, dup_products: 0, dup_map: 0});
  });

  it("no other invoice line is malformed", async () => {
    const [row] = await query(
      `select count(*) filter (where try_cast(invoice_date as date) is null or try_cast(amount as decimal(18,2)) is null
                               or product_id not in ('CRM','ANL','MKT','SVC','DAT','SUP')
                               or coalesce(currency, '') not in ('', 'USD', 'EUR'))::int as bad
       from ${all("invoice_lines")}`
    );
    expect(row.bad).toBe(5); // the five single-value defects above (the duplicate is well-formed)
  });
});
