import {describe, expect, it} from "vitest";
import {decodeTables, encodeTable, encodeTables} from "../../src/lib/table-codec.js";

describe("table codec", () => {
  const rows = [
    {id: "a", segment: "SMB", n: 1, tags: ["x"], note: null},
    {id: "b", segment: "SMB", n: 2.5, tags: [], note: "hi"},
    {id: "c", segment: "Mid", n: null, tags: ["y", "z"], note: null},
    {id: "d", segment: "SMB", n: 0, tags: [], note: null}
  ];

  it("stores rows column by column, repeated text as a dictionary, and gives back the same rows", () => {
    const t = encodeTable(rows) as {$table: string[]; n: number; cols: unknown[]};
    expect(t.$table).toEqual(["id", "segment", "n", "tags", "note"]);
    expect(t.n).toBe(4);
    expect(t.cols[0]).toEqual({v: ["a", "b", "c", "d"]}); // all distinct: no dictionary
    expect(t.cols[1]).toEqual({d: ["SMB", "Mid"], i: [0, 0, 1, 0]});
    expect(t.cols[4]).toEqual({d: [null, "hi"], i: [0, 1, 0, 0]});
    const back = decodeTables(t) as typeof rows;
    expect(back).toEqual(rows);
    expect(back.map((r) => Object.keys(r))).toEqual(rows.map((r) => Object.keys(r))); // key order too
    expect(JSON.stringify(back)).toBe(JSON.stringify(rows));
  });

  it("encodes tables inside objects and arrays of objects, and leaves other values alone", () => {
    const value = {total: 4, rows, pages: [{account: {id: "a"}, history: rows}], list: [1, 2], empty: [], kpis: {x: {value: 1}}};
    const encoded = encodeTables(value) as Record<string, unknown>;
    expect(encoded.total).toBe(4);
    expect(encoded.rows).toHaveProperty("$table");
    // pages is itself a table (same keys); the history of each page is encoded in turn.
    const pages = encoded.pages as {$table: string[]; cols: {v: unknown[]}[]};
    expect(pages.$table).toEqual(["account", "history"]);
    expect(pages.cols[1].v[0]).toHaveProperty("$table");
    expect(encoded.list).toEqual([1, 2]);
    expect(decodeTables(encoded)).toEqual(value);
    expect(JSON.stringify(decodeTables(JSON.parse(JSON.stringify(encoded))))).toBe(JSON.stringify(value));
  });

  it("keeps rows whose keys differ as they are", () => {
    const mixed = [{a: 1}, {b: 2}];
    expect(encodeTable(mixed)).toBe(mixed);
    expect(encodeTable([{a: 1, b: 2}, {b: 2, a: 1}])).toEqual([{a: 1, b: 2}, {b: 2, a: 1}]);
  });

  it("keeps a column named __proto__ a column", () => {
    const tricky = JSON.parse('[{"__proto__": "x", "k": 1}, {"__proto__": "y", "k": 2}]');
    const back = decodeTables(JSON.parse(JSON.stringify(encodeTables(tricky)))) as Record<string, unknown>[];
    expect(Object.keys(back[0])).toEqual(["__proto__", "k"]);
    expect(Object.getPrototypeOf(back[0])).toBe(Object.prototype);
  });

  it("makes the sample's big files much smaller", () => {
    const units = Array.from({length: 1000}, (_, i) => ({account_id: `ACC-${i}`, quadrant: ["Nurture", "Pursue now"][i % 2], why_need: "Holders of CRM hold Analytics in 19% of cases (under 25% → 1)", score: i / 3}));
    expect(JSON.stringify(encodeTables(units)).length).toBeLessThan(JSON.stringify(units).length / 2);
  });
});
