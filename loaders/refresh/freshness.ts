/**
 * `--max-age DAYS`: refuse to publish when the newest billing line is older
 * than DAYS before today. A scheduled refresh that keeps receiving last
 * month's export would otherwise publish stale figures that look current.
 */
import {EXIT_DATA_TOO_OLD} from "../exit-codes.js";
import {RefreshError} from "./error.js";

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to`, both YYYY-MM-DD calendar dates (UTC, no DST). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

// The same "today" as the pipeline's run date.
export {todayUtc} from "../pipeline/config.js";

/**
 * Throws a RefreshError (exit 4) when `latestInvoiceOn` is more than `maxAgeDays`
 * days before `today`, or when there is no billing line at all.
 * Returns the age in days otherwise.
 */
export function checkMaxAge(latestInvoiceOn: string | null, today: string, maxAgeDays: number): number {
  if (latestInvoiceOn === null) {
    throw new RefreshError(
      `--max-age ${maxAgeDays}: the exports contain no billing line, so their age cannot be checked`,
      EXIT_DATA_TOO_OLD,
      "freshness"
    );
  }
  const age = daysBetween(latestInvoiceOn, today);
  if (age > maxAgeDays) {
    throw new RefreshError(
      `data too old: the newest billing line is dated ${latestInvoiceOn}, ${age} days before ${today} ` +
        `(--max-age ${maxAgeDays}). The exports look stale: check that the CRM and billing exports were updated.`,
      EXIT_DATA_TOO_OLD,
      "freshness"
    );
  }
  return age;
}
