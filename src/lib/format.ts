/**
 * Number and date formatting for people: 23.4%, $1.2M, 8.5 months, 1,234.
 * Every formatter returns "—" for null/undefined/NaN so that a missing value is
 * never shown as 0 or NaN (the reason is shown beside it by the caller).
 */
export const MISSING = "—";

const isNum = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

/** 0.2345 → "23.5%" (fractions in, percent out). */
export function pct(x: number | null | undefined, digits = 1): string {
  return isNum(x) ? `${(x * 100).toFixed(digits)}%` : MISSING;
}

/** Compact money: 1234567 → "$1.2M", 950 → "$950"; currency code other than USD/EUR/GBP is suffixed. */
export function money(x: number | null | undefined, currency = "USD"): string {
  if (!isNum(x)) return MISSING;
  const symbol: Record<string, string> = {USD: "$", EUR: "€", GBP: "£"};
  const sign = x < 0 ? "-" : "";
  const a = Math.abs(x);
  const body =
    a >= 1e9 ? `${trim(a / 1e9)}B` : a >= 1e6 ? `${trim(a / 1e6)}M` : a >= 1e4 ? `${trim(a / 1e3, 0)}K` : a >= 1e3 ? `${trim(a / 1e3)}K` : `${Math.round(a)}`;
  return symbol[currency] ? `${sign}${symbol[currency]}${body}` : `${sign}${body} ${currency}`;
}

function trim(x: number, digits = 1): string {
  return x.toFixed(digits).replace(/\.0$/, "");
}

/** 8.46 → "8.5 months". */
export function months(x: number | null | undefined): string {
  return isNum(x) ? `${x.toFixed(1)} months` : MISSING;
}

/** Integer counts with thousands separators. */
export function count(x: number | null | undefined): string {
  return isNum(x) ? Math.round(x).toLocaleString("en-US") : MISSING;
}

/** A plain decimal: 1.8567 → "1.86". */
export function decimal(x: number | null | undefined, digits = 2): string {
  return isNum(x) ? x.toFixed(digits) : MISSING;
}

/** Signed change in percentage points: 0.012 → "+1.2 pts". */
export function pointsChange(x: number | null | undefined): string {
  if (!isNum(x)) return MISSING;
  const v = x * 100;
  return `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(1)} pts`;
}

/** Signed relative change: 0.05 → "+5.0%". */
export function relativeChange(x: number | null | undefined): string {
  if (!isNum(x)) return MISSING;
  return `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}%`;
}

/** "2026-06-30" → "30 Jun 2026" (dates are calendar dates: formatted in UTC). */
export function date(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(+d)) return iso;
  return d.toLocaleDateString("en-GB", {day: "numeric", month: "short", year: "numeric", timeZone: "UTC"});
}

/** An ISO timestamp → "1 Jul 2026, 06:00 UTC". */
export function timestamp(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const d = new Date(iso);
  if (Number.isNaN(+d)) return iso;
  const day = d.toLocaleDateString("en-GB", {day: "numeric", month: "short", year: "numeric", timeZone: "UTC"});
  const time = d.toLocaleTimeString("en-GB", {hour: "2-digit", minute: "2-digit", timeZone: "UTC"});
  return `${day}, ${time} UTC`;
}
