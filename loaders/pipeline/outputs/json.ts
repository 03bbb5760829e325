/**
 * Deterministic JSON: the value is first parsed by its zod schema (which
 * rebuilds objects in the schema's key order), then written with a fixed layout:
 * an array of rows one row per line (compact yet diffable), any other value
 * indented. Same input → same bytes.
 */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]\n";
    return "[\n" + value.map((row) => JSON.stringify(row)).join(",\n") + "\n]\n";
  }
  return JSON.stringify(value, null, 2) + "\n";
}
