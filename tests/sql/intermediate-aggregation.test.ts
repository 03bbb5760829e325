/**
 * The aggregation steps added for speed (lines summed per day before
 * converting, day → bucket map, pair windows by equality look-ups) on a few
 * inline rows; expected values worked out by hand.
 */
import {describe, expect, it} from "vitest";
import {runFixture} from "../pipeline/models/helpers.js";

describe("int_revenue_lines (summed per customer, product, day and currency)", () => {
  it("sums same-day lines, keeps the line-level positive fact for adoption, and converts large amounts exactly", async () => {
    // C1 P1 on 2024-03-01: +100 and -100 → one row, revenue 0, but a positive line exists,
    //   so P1 is adopted on 2024-03-01 (as with one row per line).
    // C1 P2 on 2024-01-10: 2,000,000 and 0.5 EUR at 1.1 → (2,000,000.5) × 1.1 = 2,200,000.55
    //   (a single DECIMAL(18,4) × DECIMAL(18,8) product would overflow DECIMAL(18,12)).
    // C1 P3 on 2024-02-01: -10 only → never adopted.
    const db = await runFixture(
      {
        asOf: "2024-12-31",
        fxRates: [["EUR", "2024-01", 1.1]],
        lines: [
          ["C1", "P1", "2024-03-01", 100],
          ["C1", "P1", "2024-03-01", -100],
          ["C1", "P2", "2024-01-10", 2000000, "EUR"],
          ["C1", "P2", "2024-01-10", 0.5, "EUR"],
          ["C1", "P3", "2024-02-01", -10]
        ]
      },
      "int_pair_adoption"
    );
    expect(
      await db.rows(
        "select product_id, invoiced_on::varchar as d, revenue::varchar as revenue, has_positive_line from int_revenue_lines order by product_id"
      )
    ).toEqual([
      {product_id: "P1", d: "2024-03-01", revenue: "0.000000000000", has_positive_line: true},
      {product_id: "P2", d: "2024-01-10", revenue: "2200000.550000000000", has_positive_line: true},
      {product_id: "P3", d: "2024-02-01", revenue: "-10.000000000000", has_positive_line: false}
    ]);
    expect(await db.rows("select product_id, adopted_on::varchar as adopted_on from int_pair_adoption order by 1")).toEqual([
      {product_id: "P1", adopted_on: "2024-03-01"},
      {product_id: "P2", adopted_on: "2024-01-10"}
    ]);
    db.close();
  });
});

describe("int_day_buckets", () => {
  it("maps every day to the first window edge on or after it, from the earliest edge", async () => {
    // D = 2024-02-29 → S = 2023-02-28; first line 2023-01-20 → as-of dates 2023-01-31 … 2024-01-31 and D.
    // Evaluation dates: those and their S dates 2022-01-31 … 2023-01-31, 2023-02-28; the S
    // dates have windows too, starting 2021-01-31 … 2022-01-31, 2022-02-28. Edges = every
    // month end 2021-01-31 … 2024-01-31 (1 … 37) and D (38): 2023-01-31 = 25, 2023-02-28 = 26.
    // Days 2021-01-31 … 2024-02-29: 1125.
    const db = await runFixture({asOf: "2024-02-29", lines: [["K1", "P1", "2023-01-20", 5]]}, "int_day_buckets");
    expect(await db.rows("select count(*)::integer as days, min(day_on)::varchar as first, max(day_on)::varchar as last from int_day_buckets")).toEqual([
      {days: 1125, first: "2021-01-31", last: "2024-02-29"}
    ]);
    expect(
      await db.rows(
        "select day_on::varchar as d, bucket_idx::integer as b from int_day_buckets where day_on in ('2021-01-31', '2021-02-01', '2023-01-20', '2023-02-28', '2023-03-01', '2024-02-29') order by 1"
      )
    ).toEqual([
      {d: "2021-01-31", b: 1},
      {d: "2021-02-01", b: 2},
      {d: "2023-01-20", b: 25},
      {d: "2023-02-28", b: 26},
      {d: "2023-03-01", b: 27},
      {d: "2024-02-29", b: 38}
    ]);
    db.close();
  });
});

/** int_pair_windows' rows by revenue: how many windows hold each amount, and the first and last of them. */
const WINDOWS_BY_REVENUE =
  "select revenue::double as revenue, count(*)::integer as windows, min(eval_on)::varchar as first, max(eval_on)::varchar as last from int_pair_windows group by revenue order by revenue";

describe("int_pair_windows (look-ups through spread running totals)", () => {
  it("gives a pair a row for every window its span overlaps, 0 in the gap between its lines", async () => {
    // K1 P1: 10 on 2023-01-15, 5 on 2024-06-10; D = 2024-06-30.
    // As-of dates 2023-01-31 … 2024-06-30 (18); eval dates also S dates, those ending
    // before 2023-01-31 precede the first bucket (no row). 18 rows:
    //   t = 2023-01-31 … 2023-12-31 (12): (t - 12 months, t] holds 2023-01-15 → 10;
    //   t = 2024-01-31 … 2024-05-31 (5): no line in the window → 0 (span still overlaps);
    //   t = 2024-06-30: holds 2024-06-10 only → 5.
    const db = await runFixture(
      {asOf: "2024-06-30", lines: [["K1", "P1", "2023-01-15", 10], ["K1", "P1", "2024-06-10", 5]]},
      "int_pair_windows"
    );
    expect(
      await db.rows(WINDOWS_BY_REVENUE)
    ).toEqual([
      {revenue: 0, windows: 5, first: "2024-01-31", last: "2024-05-31"},
      {revenue: 5, windows: 1, first: "2024-06-30", last: "2024-06-30"},
      {revenue: 10, windows: 12, first: "2023-01-31", last: "2023-12-31"}
    ]);
    db.close();
  });
});

describe("int_pair_windows (several revenue rows of a pair in one bucket)", () => {
  it("counts every row of a bucket once, through the running total of its last row", async () => {
    // K1 P1, D = 2024-06-30: March 2023 holds three rows of int_revenue_lines — 10 on
    // 2023-03-05, 20 on 2023-03-20 and 1 EUR at 2 on 2023-03-20 (same day, other currency) — 32;
    // May 2023 holds 4. Buckets end on month ends, a window is (t - 12 months, t]:
    //   t = 2023-03-31, 2023-04-30 (2): March only → 32;
    //   t = 2023-05-31 … 2024-02-29 (10): March and May → 36;
    //   t = 2024-03-31, 2024-04-30 (2): the window starts at the March edge → May only, 4;
    //   t = 2024-05-31 and later: the window starts at or after the last bucket → no row.
    const db = await runFixture(
      {
        asOf: "2024-06-30",
        fxRates: [["EUR", null, 2]],
        lines: [
          ["K1", "P1", "2023-03-05", 10],
          ["K1", "P1", "2023-03-20", 20],
          ["K1", "P1", "2023-03-20", 1, "EUR"],
          ["K1", "P1", "2023-05-10", 4]
        ]
      },
      "int_pair_windows"
    );
    expect(
      await db.rows(WINDOWS_BY_REVENUE)
    ).toEqual([
      {revenue: 4, windows: 2, first: "2024-03-31", last: "2024-04-30"},
      {revenue: 32, windows: 2, first: "2023-03-31", last: "2023-04-30"},
      {revenue: 36, windows: 10, first: "2023-05-31", last: "2024-02-29"}
    ]);
    db.close();
  });
});

describe("int_opportunities (large amounts)", () => {
  it("converts an amount of 1,000,000 or more without overflowing", async () => {
    // O1: 2,500,000 USD (reporting currency, rate 1) → 2,500,000; O2: 1,000,000 EUR at 1.1 → 1,100,000.
    const db = await runFixture(
      {
        asOf: "2024-12-31",
        fxRates: [["EUR", null, 1.1]],
        lines: [["A1", "P1", "2024-01-10", 100]],
        opportunities: [
          {opportunity_id: "O1", account_id: "A1", type: "cross_sell", stage: "won", amount: 2500000, created_on: "2024-02-01", closed_on: "2024-03-01"},
          {opportunity_id: "O2", account_id: "A1", type: "upsell", stage: "open", amount: 1000000, created_on: "2024-04-01", currency: "EUR"}
        ]
      },
      "int_opportunities"
    );
    expect(await db.rows("select opportunity_id, amount::double as amount from int_opportunities order by 1")).toEqual([
      {opportunity_id: "O1", amount: 2500000},
      {opportunity_id: "O2", amount: 1100000}
    ]);
    db.close();
  });
});
