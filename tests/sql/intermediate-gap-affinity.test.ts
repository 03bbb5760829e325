/**
 * int_gap_affinity on a few inline rows; expected values worked out by hand.
 */
import {describe, expect, it} from "vitest";
import {runFixture, type LineIn} from "../pipeline/models/helpers.js";

describe("int_gap_affinity", () => {
  it("gives each gap the held product whose holders most often hold it, ties to the smaller id", async () => {
    // D = 2024-06-30, every line in P. Active: h1, h2 {P1, P2}; t {P1}; u {P3}; v {P1, P3}; w {P2, P3}.
    // Holders: P1 4 (h1, h2, t, v), P2 3 (h1, h2, w), P3 3 (u, v, w), P4 none.
    // Confidence x → y = holders of both / holders of x:
    //   P1 → P2 2/4, P1 → P3 1/4, P2 → P1 2/3, P2 → P3 1/3, P3 → P1 1/3, P3 → P2 1/3, anything → P4 0.
    // h1: P3 from P2 (1/3 > 1/4); P4: P1 and P2 both 0 → P1, the smaller id. w: P1 from P2 (2/3 > 1/3).
    // Held products (h1's P1, P2 …) are no gaps; z bought only before P: not active, no gap.
    const held: Record<string, string[]> = {h1: ["P1", "P2"], h2: ["P1", "P2"], t: ["P1"], u: ["P3"], v: ["P1", "P3"], w: ["P2", "P3"]};
    const lines: LineIn[] = [
      ...Object.entries(held).flatMap(([id, products]) => products.map((p) => [id, p, "2024-03-01", 10] as LineIn)),
      ["z", "P1", "2022-01-01", 10]
    ];
    const db = await runFixture(
      {
        asOf: "2024-06-30",
        accounts: [...Object.keys(held), "z"].map((id) => ({account_id: id, segment: "S"})),
        products: ["P1", "P2", "P3", "P4"].map((id) => ({product_id: id})),
        lines
      },
      "int_gap_affinity"
    );
    const rows = await db.rows(
      "select account_id, product_id, held_product_id, confidence from int_gap_affinity where account_id <> 'h2' order by account_id, product_id"
    );
    const row = (account_id: string, product_id: string, held_product_id: string, confidence: number) => ({account_id, product_id, held_product_id, confidence});
    expect(rows).toEqual([
      row("h1", "P3", "P2", 1 / 3),
      row("h1", "P4", "P1", 0),
      row("t", "P2", "P1", 0.5),
      row("t", "P3", "P1", 0.25),
      row("t", "P4", "P1", 0),
      row("u", "P1", "P3", 1 / 3),
      row("u", "P2", "P3", 1 / 3),
      row("u", "P4", "P3", 0),
      row("v", "P2", "P1", 0.5),
      row("v", "P4", "P1", 0),
      row("w", "P1", "P2", 2 / 3),
      row("w", "P4", "P2", 0)
    ]);
    expect(await db.rows("select count(*)::integer as n from int_gap_affinity where account_id = 'h2'")).toEqual([{n: 2}]);
    db.close();
  });
});
