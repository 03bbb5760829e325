/**
 * The integer keys of the pair chain (int_account_keys, int_product_keys, pair_key of
 * int_revenue_lines, int_pair_windows and int_pair_adoption) on a few inline rows:
 * ranks in binary string order, one key per account whatever customer billed it,
 * and the ids met again on the keys (int_pair_adoption, int_pairs_at_d,
 * int_retention_pairs_at_d). Expected values worked out by hand.
 */
import {describe, expect, it} from "vitest";
import {runFixture} from "../pipeline/models/helpers.js";

const SHIFT = 2 ** 32;

describe("int_account_keys / int_product_keys / pair_key", () => {
  it("ranks ids in binary string order and packs account and product into one key", async () => {
    // Customers: C2 and C9 are billed as account A (account map); "b" (lower case) is its
    // own unmatched account; "B" is a CRM-less customer too. Binary order: "A" < "B" < "b".
    // Products: "P10" < "P2" < "p1" in binary order (not numeric, not case-folded).
    const db = await runFixture(
      {
        asOf: "2024-12-31",
        accountMap: [
          ["C2", "A"],
          ["C9", "A"]
        ],
        lines: [
          ["C2", "P2", "2024-03-01", 10],
          ["C9", "P2", "2024-04-01", 5],
          ["C9", "P10", "2024-04-01", 7],
          ["b", "p1", "2024-05-01", 3],
          ["B", "P10", "2024-05-01", -4]
        ]
      },
      ["int_pair_windows", "int_pair_adoption", "int_pairs_at_d", "int_retention_pairs_at_d"]
    );
    expect(await db.rows("select account_id, account_key from int_account_keys order by account_key")).toEqual([
      {account_id: "A", account_key: 1},
      {account_id: "B", account_key: 2},
      {account_id: "b", account_key: 3}
    ]);
    expect(await db.rows("select product_id, product_key from int_product_keys order by product_key")).toEqual([
      {product_id: "P10", product_key: 1},
      {product_id: "P2", product_key: 2},
      {product_id: "p1", product_key: 3}
    ]);
    // C2 and C9 both carry A's key: (A, P2) is one pair, whichever customer billed it.
    expect(
      await db.rows(
        "select distinct account_id, product_id, pair_key::varchar as pair_key from int_revenue_lines order by pair_key::bigint"
      )
    ).toEqual([
      {account_id: "A", product_id: "P10", pair_key: String(1 * SHIFT + 1)},
      {account_id: "A", product_id: "P2", pair_key: String(1 * SHIFT + 2)},
      {account_id: "B", product_id: "P10", pair_key: String(2 * SHIFT + 1)},
      {account_id: "b", product_id: "p1", pair_key: String(3 * SHIFT + 3)}
    ]);
    // Adoption is per pair key with its ids met again: (A, P2) first on 2024-03-01
    // (C2's line), B's credit-only pair never adopted.
    expect(
      await db.rows(
        "select account_id, product_id, adopted_on::varchar as adopted_on, pair_key::varchar as pair_key from int_pair_adoption order by account_id, product_id"
      )
    ).toEqual([
      {account_id: "A", product_id: "P10", adopted_on: "2024-04-01", pair_key: String(1 * SHIFT + 1)},
      {account_id: "A", product_id: "P2", adopted_on: "2024-03-01", pair_key: String(1 * SHIFT + 2)},
      {account_id: "b", product_id: "p1", adopted_on: "2024-05-01", pair_key: String(3 * SHIFT + 3)}
    ]);
    // At D the window (2023-12-31, 2024-12-31] of (A, P2) holds both customers' lines: 15.
    // int_pair_windows carries the pair key only.
    expect(
      await db.rows(
        "select pair_key::varchar as pair_key, revenue::double as revenue from int_pair_windows where eval_on = '2024-12-31' order by pair_key::bigint"
      )
    ).toEqual([
      {pair_key: String(1 * SHIFT + 1), revenue: 7},
      {pair_key: String(1 * SHIFT + 2), revenue: 15},
      {pair_key: String(2 * SHIFT + 1), revenue: -4},
      {pair_key: String(3 * SHIFT + 3), revenue: 3}
    ]);
    // Its readers meet the ids again on the keys: the same pairs at D by id.
    const pairsAtD = [
      {account_id: "A", product_id: "P10", revenue: 7},
      {account_id: "A", product_id: "P2", revenue: 15},
      {account_id: "B", product_id: "P10", revenue: -4},
      {account_id: "b", product_id: "p1", revenue: 3}
    ];
    expect(
      await db.rows("select account_id, product_id, revenue::double as revenue from int_pairs_at_d order by account_id, product_id")
    ).toEqual(pairsAtD);
    // S = 2023-12-31: no window there, so R1 is each pair's revenue at D and R0 is 0.
    expect(
      await db.rows(
        "select account_id, product_id, ending_revenue::double as revenue from int_retention_pairs_at_d where starting_revenue = 0 order by account_id, product_id"
      )
    ).toEqual(pairsAtD);
    db.close();
  });

  it("stops with the customer and product when a line's product has no key, rather than drop the line", async () => {
    // A catalog without P9: ingest would have rejected the line; here it reaches the model.
    await expect(
      runFixture(
        {asOf: "2024-12-31", products: [{product_id: "P1"}], lines: [["C1", "P1", "2024-03-01", 10], ["C1", "P9", "2024-03-01", 5]]},
        "int_revenue_lines"
      )
    ).rejects.toThrow(/int_revenue_lines: no key for customer C1, product P9/);
  });
});
