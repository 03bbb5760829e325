import {describe, expect, it} from "vitest";
import {asOfStatement, futureDatedDetail} from "../../src/lib/as-of.js";

const facts = (over: Partial<Parameters<typeof asOfStatement>[0]> = {}): Parameters<typeof asOfStatement>[0] => ({
  as_of: "2026-06-30",
  as_of_rule: "latest_invoice_on_or_before_run_date",
  mode: "billing",
  currency: "EUR",
  future_dated_lines: {count: 0, first: null, last: null, amount: 0},
  ...over
});

describe("as-of wording", () => {
  it("names the rule, the run date and how many lines are later", () => {
    const later = {count: 1, first: "2026-08-01", last: "2026-08-01", amount: -20};
    expect(asOfStatement(facts({future_dated_lines: later}), "2026-07-04")).toBe(
      "as of 2026-06-30: the latest invoice date on or before the run date 2026-07-04; 1 line is dated later"
    );
    expect(asOfStatement(facts({mode: "bookings"}), null)).toBe(
      "as of 2026-06-30: the latest close date of a won deal on or before the run date; no line is dated later"
    );
    expect(asOfStatement(facts({as_of_rule: "configured"}), "2026-07-04")).toBe(
      "as of 2026-06-30: set by --as-of, or as_of in the configuration or mapping file; no line is dated later"
    );
  });

  it("details the later lines with the caller's money format, or nothing when there are none", () => {
    expect(futureDatedDetail(facts())).toBeNull();
    const later = {count: 1234, first: "2026-07-01", last: "2027-01-31", amount: 98765.432};
    expect(futureDatedDetail(facts({future_dated_lines: later}), (v, c) => `${c} ${Math.round(v)}`)).toBe(
      "1,234 lines dated 2026-07-01 … 2027-01-31, revenue EUR 98765: loaded, but outside every figure (they count once the as-of date reaches them)"
    );
    expect(futureDatedDetail(facts({future_dated_lines: {count: 1, first: "2026-08-01", last: "2026-08-01", amount: -20}}))).toBe(
      "1 line dated 2026-08-01, revenue -20.00 EUR: loaded, but outside every figure (they count once the as-of date reaches them)"
    );
  });
});
