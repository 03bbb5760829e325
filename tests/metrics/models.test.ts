/**
 * lastReaders: which model is the last to read each intermediate table (the
 * pipeline drops the table after it).
 */
import {describe, expect, it} from "vitest";
import {readSqlFile} from "../../loaders/db.js";
import {INTERMEDIATE_MODELS, lastReaders, modelFile, type ModelName} from "../../loaders/metrics/models.js";

describe("lastReaders", () => {
  it("names the last model, in run order, whose SQL names the table; a table nobody reads is its own last reader", () => {
    // int_customer_accounts is read by int_accounts and mart_demand_units (the later one wins);
    // int_accounts by int_revenue_lines only; every other table is read by nobody.
    const sql: Partial<Record<ModelName, string>> = {
      int_accounts: "select * from int_customer_accounts",
      int_revenue_lines: "select * from int_accounts join int_accounts_extra using (account_id)",
      mart_demand_units: "select * from int_customer_accounts"
    };
    const last = lastReaders((name) => sql[name] ?? "select 1");
    expect(last.get("int_customer_accounts")).toBe("mart_demand_units");
    // int_accounts_extra is another name: int_accounts is matched as a whole word only.
    expect(last.get("int_accounts")).toBe("int_revenue_lines");
    expect(last.get("int_pair_windows")).toBe("int_pair_windows");
    expect(last.size).toBe(INTERMEDIATE_MODELS.length);
  });

  it("on the real models: the pair buckets go after the pair windows, the revenue lines after the account history, the per-account facts after the accounts list", () => {
    const last = lastReaders((name) => readSqlFile(modelFile(name)));
    expect(last.get("int_pair_buckets")).toBe("int_pair_windows");
    expect(last.get("int_revenue_lines")).toBe("mart_account_history");
    expect(last.get("int_account_asof")).toBe("mart_accounts");
  });
});
