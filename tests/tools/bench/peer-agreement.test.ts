/**
 * The bench's check that the pandas peer computed the pipeline's figures (loaders/tools/bench/peer-agreement.ts).
 */
import {describe, expect, it} from "vitest";
import {comparePeerFigures, describeAgreement, type KpisFile} from "../../../loaders/tools/bench/peer-agreement.js";

const pipeline: KpisFile = {
  as_of: "2026-09-30",
  currency: "USD",
  kpis: {
    cross_sell_rate: {value: 0.2, numerator: 20, denominator: 100, status: "within", extra: "the peer does not give this"},
    cross_sell_revenue_share: {value: 0.22679931929531355, numerator: 893949574.367765, denominator: 3941588436.620308},
    upsell_win_rate: {value: null, reason: "no upsell opportunity closed"}
  }
};

describe("comparePeerFigures", () => {
  it("agrees on every field the peer gives: equal counts and texts, doubles within 1e-9 relative, NULL with NULL", () => {
    const peer: KpisFile = {
      as_of: "2026-09-30",
      currency: "USD",
      kpis: {
        cross_sell_rate: {value: 0.2, numerator: 20, denominator: 100, status: "within"},
        // pandas sums doubles: the last digits differ
        cross_sell_revenue_share: {value: 0.22679931929531347, numerator: 893949574.367765, denominator: 3941588436.6203094},
        upsell_win_rate: {value: null}
      }
    };
    const agreement = comparePeerFigures(peer, pipeline);
    expect(agreement).toEqual({compared: 10, disagreements: []});
    expect(describeAgreement(agreement)).toBe("all 10 fields of the peer's kpis.json agree with the pipeline's");
  });

  it("names each field that differs, a figure the pipeline lacks among them", () => {
    const peer: KpisFile = {
      as_of: "2026-08-31",
      kpis: {
        cross_sell_rate: {value: 0.2000001, numerator: 21, denominator: 100},
        multi_product_rate: {value: 0.5}
      }
    };
    const agreement = comparePeerFigures(peer, pipeline);
    expect(agreement.compared).toBe(5);
    expect(agreement.disagreements).toEqual([
      {field: "as_of", peer: "2026-08-31", pipeline: "2026-09-30"},
      {field: "cross_sell_rate.value", peer: 0.2000001, pipeline: 0.2},
      {field: "cross_sell_rate.numerator", peer: 21, pipeline: 20},
      {field: "multi_product_rate.value", peer: 0.5, pipeline: undefined}
    ]);
    expect(describeAgreement(agreement)).toBe(
      'of 5 fields compared: as_of: peer "2026-08-31", pipeline "2026-09-30"; cross_sell_rate.value: peer 0.2000001, pipeline 0.2; ' +
        "cross_sell_rate.numerator: peer 21, pipeline 20; multi_product_rate.value: peer 0.5, pipeline none"
    );
  });
});
