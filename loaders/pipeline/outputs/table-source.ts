/**
 * A table-shaped output that is not read into memory by the metrics code: the
 * query that yields its rows, in file order. The output writer streams it to
 * its file in batches (loaders/pipeline/outputs/write.ts), so an output of hundreds of
 * megabytes never exists as one JS array or one string.
 */
export interface TableSource {
  kind: "table";
  /** A SELECT whose rows, in the order DuckDB returns them, are the file's rows. */
  sql: string;
}

export function tableSource(sql: string): TableSource {
  return {kind: "table", sql};
}

export function isTableSource(value: unknown): value is TableSource {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    (value as {kind?: unknown}).kind === "table" &&
    typeof (value as {sql?: unknown}).sql === "string"
  );
}
