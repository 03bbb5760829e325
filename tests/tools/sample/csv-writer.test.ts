import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {CsvWriter, csvField, csvLine} from "../../../loaders/tools/sample/csv-writer.js";
import {TRICKY_NAMES} from "../../../loaders/tools/sample/catalog.js";
import {sqlString} from "../../../loaders/pipeline/db.js";
import {query} from "./helpers.js";

describe("csvField", () => {
  it("leaves plain text alone, including characters that only matter to HTML or spreadsheets", () => {
    expect(csvField("Acme Inc")).toBe("Acme Inc");
    expect(csvField("<script>alert(1)</script>")).toBe("<script>alert(1)</script>");
    expect(csvField("=1+2")).toBe("=1+2");
    expect(csvField("")).toBe("");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(-12.5)).toBe("-12.5");
  });

  it("quotes commas, quotes and line breaks, doubling inner quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
  });

  it("joins a record with commas and ends it with \\n", () => {
    expect(csvLine(["a", 'b"c', null, 3])).toBe('a,"b""c",,3\n');
  });
});

describe("CsvWriter", () => {
  it("writes the header and rows; tricky values read back identical with DuckDB", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csv-writer-"));
    const path = join(dir, "names.csv");
    const values = [...TRICKY_NAMES, "trailing space ", " leading", "windows\r\nline", '"', ",", "ünïcødé ✓"];
    const out = CsvWriter.open(path, ["id", "name"]);
    values.forEach((v, i) => out.write([String(i), v]));
    await out.close();
    expect(out.rowCount).toBe(values.length);
    expect(readFileSync(path, "utf8").startsWith("id,name\n")).toBe(true);

    const rows = await query(
      `select id, name from read_csv(${sqlString(path)}, header = true, all_varchar = true, quote = '"', escape = '"') order by id::int`
    );
    expect(rows.map((r) => r.name)).toEqual(values);
  });

  it("streams many rows in chunks without losing any", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csv-writer-"));
    const path = join(dir, "many.csv");
    const out = CsvWriter.open(path, ["n", "text"]);
    for (let i = 0; i < 100_000; i++) {
      out.write([i, `row ${i}, with comma`]);
      await out.drain();
    }
    await out.close();
    const [row] = await query(`select count(*)::int as n, sum(n::bigint)::double as total from read_csv(${sqlString(path)})`);
    expect(row).toEqual({n: 100_000, total: (99_999 * 100_000) / 2});
  });

  it("refuses a row with the wrong number of values", () => {
    const dir = mkdtempSync(join(tmpdir(), "csv-writer-"));
    const out = CsvWriter.open(join(dir, "x.csv"), ["a", "b"]);
    expect(() => out.write(["only one"])).toThrow(/1 values for 2 columns/);
    return out.close();
  });
});
