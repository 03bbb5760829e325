import {describe, expect, it} from "vitest";
import {openDatabase, queryRows, sqlString} from "../../loaders/pipeline/db.js";

describe("sqlString", () => {
  it("quotes any text so that DuckDB reads back the same value, NUL characters included", async () => {
    const db = await openDatabase({memoryLimit: "256MB"});
    try {
      const values = ["plain", "it's", "two\nlines", "tab\there", "\0", "CRM\t\u0001\u007f\0x", "a\0'b\0", ""];
      const rows = await queryRows<{v: string}>(db.conn, values.map((v, i) => `SELECT ${i} AS i, ${sqlString(v)} AS v`).join(" UNION ALL ") + " ORDER BY i");
      expect(rows.map((r) => r.v)).toEqual(values);
    } finally {
      db.close();
    }
  });

  it("stays a plain literal when there is no NUL", () => {
    expect(sqlString("O'Brien")).toBe("'O''Brien'");
  });
});

describe("openDatabase", () => {
  it("pins the session zone to UTC on its connection and on every other one it opens (the output writers')", async () => {
    const db = await openDatabase({memoryLimit: "256MB"});
    const other = await db.connect();
    try {
      const zone = "select current_setting('TimeZone') as zone";
      expect(await queryRows(db.conn, zone)).toEqual([{zone: "UTC"}]);
      expect(await queryRows(other, zone)).toEqual([{zone: "UTC"}]);
    } finally {
      other.closeSync();
      db.close();
    }
  });
});
