/**
 * Calendar arithmetic on whole days and months, in UTC, without the clock.
 * A "day" is the number of days since 1970-01-01; a "month" is year*12 + (month-1).
 */
const MS_PER_DAY = 86_400_000;

export function parseIsoDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`expected a date written YYYY-MM-DD, got "${text}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new Error(`"${text}" is not a calendar date`);
  }
  return ms / MS_PER_DAY;
}

const isoCache = new Map<number, string>();
/** Day number → "YYYY-MM-DD" (cached: the generator formats the same few thousand days millions of times). */
export function isoDay(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

export function monthOfDay(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function daysInMonth(month: number): number {
  return new Date(Date.UTC(Math.floor(month / 12), (month % 12) + 1, 0)).getUTCDate();
}

/** Day number of `dayOfMonth` in `month`, clamped to the month's last day. */
export function dayInMonth(month: number, dayOfMonth: number): number {
  const dom = Math.min(dayOfMonth, daysInMonth(month));
  return Date.UTC(Math.floor(month / 12), month % 12, dom) / MS_PER_DAY;
}

export function isoMonth(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
}
