/**
 * lastReaders: which model is the last to read each intermediate table (the
 * pipeline drops the table after it).
 */
import {describe, expect, it} from "vitest";
import {lastReaders, modelOrder, stagingSources} from "../../../loaders/pipeline/models/models.js";
import type {OrderedModel} from "../../../loaders/pipeline/models/model-graph.js";
import {STAGING_VIEWS} from "../../../loaders/pipeline/ingest/staging.js";

function model(name: string, reads: string[] = []): OrderedModel {
  return {name, layer: name.startsWith("int_") ? "intermediate" : "marts", file: `${name}.sql`, reads: reads.filter((r) => /^(int|mart)_/.test(r)), sources: reads.filter((r) => !/^(int|mart)_/.test(r))};
}

describe("lastReaders", () => {
  it("names the last model, in run order, that reads the table; a table nobody reads is its own last reader", () => {
    // int_customer_accounts is read by int_accounts and mart_demand_units (the later one wins);
    // int_accounts by int_revenue_lines only; int_pair_windows by nobody; marts are never dropped.
    const order = [
      model("int_customer_accounts"),
      model("int_accounts", ["int_customer_accounts"]),
      model("int_pair_windows"),
      model("int_revenue_lines", ["int_accounts", "stg_invoice_lines"]),
      model("mart_demand_units", ["int_customer_accounts"]),
      model("mart_kpis", ["mart_demand_units"])
    ];
    const last = lastReaders(order);
    expect(last.get("int_customer_accounts")).toBe("mart_demand_units");
    expect(last.get("int_accounts")).toBe("int_revenue_lines");
    expect(last.get("int_pair_windows")).toBe("int_pair_windows");
    expect(last.has("mart_demand_units")).toBe(false);
    expect(last.size).toBe(4);
    // A staging table is tracked only when named: then its last reader too.
    const withSources = lastReaders(order, ["stg_invoice_lines", "stg_accounts"]);
    expect(withSources.get("stg_invoice_lines")).toBe("int_revenue_lines");
    expect(withSources.has("stg_accounts")).toBe(false);
    expect(withSources.size).toBe(5);
  });

  it("on the real models: the staging views (the invoice lines) are last read by int_revenue_lines, so the pipeline drops the 10M checked lines before the marts", () => {
    const order = modelOrder();
    const last = lastReaders(order, [...STAGING_VIEWS.keys()]);
    expect(last.get("stg_invoice_lines")).toBe("int_revenue_lines");
    expect(STAGING_VIEWS.get("stg_invoice_lines")).toBe("chk_invoice_lines");
  });

  it("on the real models: the retention pairs at D go after the retention accounts, their one reader, and no model after a table's last reader reads it", () => {
    const order = modelOrder();
    const last = lastReaders(order, [...STAGING_VIEWS.keys()]);
    expect(last.get("int_retention_pairs_at_d")).toBe("mart_retention_accounts");
    const position = new Map(order.map((m, i) => [m.name, i]));
    for (const [table, reader] of last) {
      const later = order.slice(position.get(reader)! + 1).filter((m) => m.reads.includes(table) || m.sources.includes(table));
      expect(later.map((m) => m.name), table).toEqual([]);
    }
  });

  it("a model reading a staging view reads what the view reads: the table behind it outlives the view's last reader", () => {
    const order = [model("int_opportunities", ["stg_opportunities"]), model("int_revenue_lines", ["stg_invoice_lines"])];
    const sources = ["stg_opportunities", "stg_invoice_lines"];
    expect(lastReaders(order, sources).get("stg_opportunities")).toBe("int_opportunities");
    const viewReads = new Map([["stg_invoice_lines", ["stg_opportunities"]]]);
    expect(lastReaders(order, sources, viewReads).get("stg_opportunities")).toBe("int_revenue_lines");
  });

  it("on the real files: every staging model is a source the pipeline may drop, and stg_invoice_lines reads stg_opportunities (the won deals in bookings mode)", () => {
    const {sources, viewReads} = stagingSources();
    expect(sources).toEqual(expect.arrayContaining(["stg_accounts", "stg_invoice_lines", "stg_opportunities", "stg_products"]));
    expect(sources.every((s) => s.startsWith("stg_"))).toBe(true);
    expect(viewReads.get("stg_invoice_lines")).toEqual(["stg_opportunities"]);
    const last = lastReaders(modelOrder(), sources, viewReads);
    const position = new Map(modelOrder().map((m, i) => [m.name, i]));
    expect(position.get(last.get("stg_opportunities")!)!).toBeGreaterThanOrEqual(position.get("int_revenue_lines")!);
  });
});
