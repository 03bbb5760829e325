// kpis.json's serialiser: the fields of each figure's shape from its mart_kpis row, nothing computed.
import {describe, expect, it} from "vitest";
import {kpiObjects} from "../../../loaders/pipeline/models/kpis.js";

const row = (figure: string, reason: string | null = null) => ({
  figure, value: 0.25, numerator: 1, denominator: 4, p25: null, p75: null, count: 4, won: 1, lost: 3,
  value_weighted: 0.5, ratio: null, white_space: 0, low: 0.2, high: 0.4, status: "within", reason
});

describe("kpiObjects", () => {
  it("keeps the fields of each figure's shape, adds the reason only when there is one", () => {
    const figures = [
      {id: "r", shape: "ratio", fields: ["value", "numerator", "denominator", "low", "high", "status"]},
      {id: "w", shape: "win_rate", fields: ["value", "won", "lost", "value_weighted", "low", "high", "status"]},
      {id: "v", shape: "value", fields: ["value"]}
    ] as const;
    const kpis = kpiObjects([row("v", "No active customers."), row("w"), row("r"), row("unused")], figures as never);
    expect(Object.keys(kpis)).toEqual(["r", "w", "v"]);
    expect(kpis.r).toEqual({value: 0.25, numerator: 1, denominator: 4, low: 0.2, high: 0.4, status: "within"});
    expect(kpis.w).toEqual({value: 0.25, won: 1, lost: 3, value_weighted: 0.5, low: 0.2, high: 0.4, status: "within"});
    expect(kpis.v).toEqual({value: 0.25, reason: "No active customers."});
  });
  it("names a figure of the catalog that mart_kpis has no row for", () => {
    expect(() => kpiObjects([row("r")], [{id: "gone", shape: "value", fields: ["value"]}] as never)).toThrow(/gone is missing/);
  });
});
