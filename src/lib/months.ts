/**
 * Calendar months as "YYYY-MM" strings (the `month` of account_history.json).
 */

/**
 * Every month from the earliest to the latest of `months`, in order, including the months
 * in between that have no row: a time axis with the quiet months left out would put a
 * two-year gap and a one-month gap side by side as if they were the same.
 */
export function everyMonth(months: readonly string[]): string[] {
  if (!months.length) return [];
  const sorted = [...months].sort();
  const [first, last] = [sorted[0], sorted[sorted.length - 1]];
  const out: string[] = [];
  let [year, month] = first.split("-").map(Number);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    out.push(key);
    if (key >= last) return out;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}
