/**
 * A compact JSON encoding of row arrays for the files the site ships.
 *
 * Pipeline outputs are arrays of objects that repeat every column name on
 * every row and, in text columns, the same few values (segments, owners, the
 * "why" sentences of the demand units): most of their bytes. The site's data
 * files store such an array column by column instead, and a text column whose
 * values repeat as a dictionary plus codes:
 *
 *   {"$table": ["id", "segment"], "n": 3, "cols": [{"v": ["a", "b", "c"]}, {"d": ["SMB", "Mid"], "i": [0, 0, 1]}]}
 *
 * `decodeTables` (run by loadData on every page) gives back the very rows:
 * same keys in the same order, same values. The pipeline's own files are
 * untouched; only the copies under dist/_file are encoded.
 */

/** The key that marks an encoded table; no output schema has it (they are strict). */
export const TABLE_KEY = "$table";

type Column = {v: unknown[]} | {d: unknown[]; i: number[]};
export interface EncodedTable {
  $table: string[];
  n: number;
  cols: Column[];
}

type Row = Record<string, unknown>;

function isPlainObject(v: unknown): v is Row {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function isEncoded(v: unknown): v is EncodedTable {
  return isPlainObject(v) && Array.isArray(v[TABLE_KEY]);
}

/** Rows with the same keys in the same order, or null when they are not such a table. */
function tableColumns(rows: unknown[]): string[] | null {
  if (rows.length === 0 || !rows.every(isPlainObject)) return null;
  const keys = Object.keys(rows[0] as Row);
  for (const row of rows as Row[]) {
    const k = Object.keys(row);
    if (k.length !== keys.length || k.some((key, i) => key !== keys[i])) return null;
  }
  return keys;
}

const isObject = (v: unknown) => v !== null && typeof v === "object";

function encodeColumn(values: unknown[]): Column {
  // Values that are themselves rows (say, an account page's history) are encoded in turn.
  if (values.some(isObject)) return {v: values.map((v) => (isObject(v) ? encodeTables(v) : v))};
  // A dictionary pays off only for text whose values repeat.
  if (!values.every((v) => v === null || typeof v === "string")) return {v: values};
  const codes = new Map<unknown, number>();
  const i = values.map((v) => {
    let code = codes.get(v);
    if (code === undefined) codes.set(v, (code = codes.size));
    return code;
  });
  return codes.size * 2 <= values.length ? {d: [...codes.keys()], i} : {v: values};
}

/** One array of rows as a table; anything else as it is. */
export function encodeTable(rows: unknown[]): EncodedTable | unknown[] {
  const keys = tableColumns(rows);
  if (!keys) return rows;
  return {$table: keys, n: rows.length, cols: keys.map((k) => encodeColumn((rows as Row[]).map((r) => r[k])))};
}

/**
 * Encodes every array of rows in `value`: the value itself, the properties of an
 * object, the elements of an array that is not itself a table, and the values of
 * a table's cells that are objects or arrays (say, each account page's history).
 */
export function encodeTables(value: unknown): unknown {
  if (Array.isArray(value)) {
    const encoded = encodeTable(value);
    return encoded === value ? value.map(encodeTables) : encoded;
  }
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeTables(v)]));
  return value;
}

function decodeTable(t: EncodedTable): Row[] {
  const {$table: keys, n, cols} = t;
  if (!Number.isInteger(n) || cols.length !== keys.length) throw new Error(`malformed encoded table (columns ${keys.join(", ")})`);
  const values = cols.map((c) => ("d" in c ? c.i.map((code) => c.d[code]) : c.v.some(isObject) ? c.v.map(decodeTables) : c.v));
  const rows: Row[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row: Row = {};
    // defineProperty, not assignment: a column named "__proto__" must stay a column.
    for (let k = 0; k < keys.length; k++) Object.defineProperty(row, keys[k], {value: values[k][r], enumerable: true, writable: true, configurable: true});
    rows[r] = row;
  }
  return rows;
}

/** The inverse of encodeTables. A value without encoded tables comes back equal. */
export function decodeTables(value: unknown): unknown {
  if (isEncoded(value)) return decodeTable(value);
  if (Array.isArray(value)) return value.some(isObject) ? value.map(decodeTables) : value;
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeTables(v)]));
  return value;
}
