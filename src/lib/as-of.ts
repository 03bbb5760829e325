/**
 * How the as-of date was chosen and which lines lie beyond it, in words: one
 * wording for the data-quality page and the refresh summary, so that both say
 * the same thing. Dates are written YYYY-MM-DD, as in the exports and the
 * command line; `money` formats the revenue (the page uses its compact money()).
 *
 *   as of 2026-06-30: the latest invoice date on or before the run date 2026-11-28; 3 lines are dated later
 */
import type {Manifest} from "../schemas/run.js";

type AsOfFacts = Pick<Manifest, "as_of" | "as_of_rule" | "mode" | "currency" | "future_dated_lines">;

/** "as of D: <why>; <how many lines are dated later>". `runDate` is run.json's run_date (null when unknown). */
export function asOfStatement(m: AsOfFacts, runDate: string | null): string {
  const latest = m.mode === "bookings" ? "the latest close date of a won deal" : "the latest invoice date";
  const why =
    m.as_of_rule === "configured"
      ? "set by --as-of, or as_of in the configuration or mapping file"
      : `${latest} on or before the run date${runDate ? ` ${runDate}` : ""}`;
  const n = m.future_dated_lines.count;
  const later = n === 0 ? "no line is dated later" : `${n.toLocaleString("en-US")} ${n === 1 ? "line is" : "lines are"} dated later`;
  return `as of ${m.as_of}: ${why}; ${later}`;
}

/** The lines dated after the as-of date: "3 lines dated 2026-07-02 … 2026-12-31, revenue …"; null when there are none. */
export function futureDatedDetail(
  m: AsOfFacts,
  money: (amount: number, currency: string) => string = (amount, currency) => `${amount.toFixed(2)} ${currency}`
): string | null {
  const f = m.future_dated_lines;
  if (f.count === 0) return null;
  const dates = f.first === f.last ? `dated ${f.first}` : `dated ${f.first} … ${f.last}`;
  return (
    `${f.count.toLocaleString("en-US")} ${f.count === 1 ? "line" : "lines"} ${dates}, revenue ${money(f.amount, m.currency)}: ` +
    `loaded, but outside every figure (they count once the as-of date reaches them)`
  );
}
