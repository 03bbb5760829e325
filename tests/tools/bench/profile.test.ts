import {describe, expect, it} from "vitest";
import {formatProfiles, readProfile} from "../../../loaders/tools/bench/profile.js";

// A DuckDB JSON profile, cut down to the fields the summary reads.
const profile = {
  latency: 1.5,
  children: [
    {
      operator_name: "CREATE_TABLE_AS",
      operator_timing: 0.1,
      operator_cardinality: 1,
      children: [
        {
          operator_name: "HASH_GROUP_BY",
          operator_timing: 2,
          operator_cardinality: 300,
          extra_info: {Groups: ["#0", "#1"]},
          children: [{operator_name: "SEQ_SCAN", operator_timing: 0.5, operator_cardinality: 1000, extra_info: {Table: "memory.main.t"}}]
        }
      ]
    }
  ]
};

describe("readProfile", () => {
  it("flattens the operators, costliest first, and sums their time as CPU", () => {
    const m = readProfile("int_x", profile);
    expect(m.latency).toBe(1.5);
    expect(m.cpu).toBeCloseTo(2.6);
    expect(m.operators.map((o) => o.operator)).toEqual(["HASH_GROUP_BY", "SEQ_SCAN", "CREATE_TABLE_AS"]);
    expect(m.operators[0]).toMatchObject({rows: 300, detail: "Groups: #0, #1"});
    expect(m.operators[1].detail).toBe("Table: memory.main.t");
  });
});

describe("formatProfiles", () => {
  it("prints each model with its top operators and the total", () => {
    const text = formatProfiles([readProfile("int_x", profile)], 1);
    expect(text).toContain("int_x");
    expect(text).toContain("2.00 HASH_GROUP_BY (300 rows) Groups: #0, #1");
    expect(text).not.toContain("SEQ_SCAN");
    expect(text.split("\n").at(-1)).toMatch(/^all models\s+1\.50\s+2\.60$/);
  });
});
