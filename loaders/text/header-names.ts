/**
 * Header names of an export, trimmed and made unique and non-empty so DuckDB
 * accepts them: a repeated name gets a suffix (`name__2`), so the first
 * column of that name is the one used; an empty name becomes `column_<n>`;
 * a NUL character (a damaged file), which no SQL name can hold, is shown as �.
 */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const name = raw.replace(/\0/g, "\uFFFD").trim() || `column_${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}__${n}`;
  });
}
