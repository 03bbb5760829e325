/**
 * Header names of an export, trimmed and made unique and non-empty so DuckDB
 * accepts them: a repeated name gets a suffix (`name__2`), so the first
 * column of that name is the one used; an empty name becomes `column_<n>`;
 * a NUL character (a damaged file), which no SQL name can hold, is shown as �.
 * DuckDB's names ignore case, so `Amount` after `amount` is a repeat too.
 * A repeated name the run needs is refused beforehand (duplicateNames).
 */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const name = raw.replace(/\0/g, "\uFFFD").trim() || `column_${i + 1}`;
    const n = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), n);
    return n === 1 ? name : `${name}__${n}`;
  });
}

export interface DuplicateName {
  /** The name as first written (trimmed). */
  name: string;
  /** 1-based column numbers of every column with that name. */
  positions: number[];
}

/** Names written more than once in a header (trimmed, case ignored), in header order. */
export function duplicateNames(names: string[]): DuplicateName[] {
  const byKey = new Map<string, DuplicateName>();
  names.forEach((raw, i) => {
    const key = raw.trim().toLowerCase();
    if (!key) return;
    const entry = byKey.get(key);
    if (entry) entry.positions.push(i + 1);
    else byKey.set(key, {name: raw.trim(), positions: [i + 1]});
  });
  return [...byKey.values()].filter((d) => d.positions.length > 1);
}

/** "column 2 and column 9", "columns 2, 5 and 9". */
export function describePositions(positions: number[]): string {
  if (positions.length === 2) return `column ${positions[0]} and column ${positions[1]}`;
  return `columns ${positions.slice(0, -1).join(", ")} and ${positions[positions.length - 1]}`;
}
