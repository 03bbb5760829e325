/**
 * The model order is derived from the models' FROM and JOIN clauses. Small
 * model folders written inline, each with its order worked out by hand (ties:
 * a model that finishes a table first, then intermediate before marts, then
 * alphabetical), and the real models.
 */
import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {SQL_DIR} from "../../../loaders/pipeline/db.js";
import {ModelOrderError, orderModels, readModelFolder, tableReferences, withUpstream} from "../../../loaders/pipeline/models/model-graph.js";
import {modelOrder} from "../../../loaders/pipeline/models/models.js";

const root = mkdtempSync(join(tmpdir(), "model-graph-"));
afterAll(() => rmSync(root, {recursive: true, force: true}));

/** A SQL folder with the given model files ("intermediate/int_a.sql": text). */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const layer of ["intermediate", "marts"]) mkdirSync(join(dir, layer), {recursive: true});
  for (const [path, sql] of Object.entries(files)) writeFileSync(join(dir, path), sql);
  return dir;
}

const orderOf = (dir: string) => orderModels(readModelFolder(dir)).map((m) => m.name);

describe("tableReferences", () => {
  it("reads FROM and JOIN tables, comma lists and subqueries included, in the order written", () => {
    const sql = `select a.x, b.y
      from a, b as bb, (select * from c) as sub, d
      join e using (id)
      left join main.f on f.id = e.id
      where e.x in (select 1 from h) and e.y in (1, 2)
      group by a.x, b.y`;
    expect(tableReferences(sql).map((r) => r.name)).toEqual(["a", "b", "c", "d", "e", "f", "h"]);
  });

  it("skips table functions, VALUES lists, WITH names, comments and string literals", () => {
    const sql = `-- from commented_out
      with step_one as (select * from real_one /* join in_block */),
      "Step Two" as materialized (select 'from in_string' as s, 'it''s from quoted' as t from step_one)
      select * from range(3) as r(i)
      cross join (values (1), (2)) as v(n)
      join "Step Two" on true
      join real_two on true`;
    expect(tableReferences(sql, "x.sql")).toEqual([
      {name: "real_one", file: "x.sql", line: 2},
      {name: "real_two", file: "x.sql", line: 7}
    ]);
  });
});

describe("orderModels on model folders", () => {
  it("a chain: each model after the one it reads, whatever the names", () => {
    const dir = folder("chain", {
      "intermediate/int_z.sql": "select * from stg_lines",
      "intermediate/int_m.sql": "select * from int_z join run_params on true",
      "intermediate/int_a.sql": "select * from int_m",
      "marts/mart_b.sql": "select * from int_a",
      "marts/mart_a.sql": "select * from mart_b"
    });
    expect(orderOf(dir)).toEqual(["int_z", "int_m", "int_a", "mart_b", "mart_a"]);
    expect(orderModels(readModelFolder(dir)).find((m) => m.name === "int_m")).toMatchObject({layer: "intermediate", reads: ["int_z"]});
  });

  it("a diamond: both sides after the top, the bottom after both; ties by finishing a table, layer, then name", () => {
    const dir = folder("diamond", {
      "intermediate/int_top.sql": "select 1 as id",
      "intermediate/int_solo.sql": "select 2 as id",
      "intermediate/int_right.sql": "select * from run_params, int_top as t",
      "intermediate/int_left.sql": "select * from int_top",
      "marts/mart_bottom.sql": "select * from int_right join int_left using (id)",
      "marts/mart_aaa.sql": "select 3 as id"
    });
    // Ready at first: int_solo, int_top, mart_aaa → the intermediates first, alphabetical.
    // Then int_left and int_right are ready (intermediate before mart_aaa). Last, mart_bottom
    // before mart_aaa: it is the last to read int_left and int_right.
    expect(orderOf(dir)).toEqual(["int_solo", "int_top", "int_left", "int_right", "mart_bottom", "mart_aaa"]);
    const order = orderModels(readModelFolder(dir));
    expect(withUpstream(order, ["int_left"]).map((m) => m.name)).toEqual(["int_top", "int_left"]);
    expect(withUpstream(order, ["mart_bottom"]).map((m) => m.name)).toEqual(["int_top", "int_left", "int_right", "mart_bottom"]);
    expect(withUpstream(order, ["int_right", "int_solo"]).map((m) => m.name)).toEqual(["int_solo", "int_top", "int_right"]);
    expect(() => withUpstream(order, ["mart_nothing"])).toThrow(/There is no model mart_nothing/);
  });

  it("a ready model that is the last to read an intermediate or staging table runs first, so the table can go", () => {
    const dir = folder("finishing", {
      "intermediate/int_a_other.sql": "select 1 as id",
      "intermediate/int_big.sql": "select 2 as id",
      "intermediate/int_use.sql": "select * from int_big",
      "intermediate/int_c_lines.sql": "select * from stg_lines",
      "intermediate/int_b_params.sql": "select * from run_params",
      "marts/mart_x.sql": "select * from int_a_other"
    });
    // Ready at first: int_a_other, int_b_params, int_big, int_c_lines. int_c_lines is the only reader
    // of stg_lines, so it goes first; run_params is no table the pipeline drops, so int_b_params waits
    // its turn. After int_a_other, mart_x (its last reader) comes before int_big.
    expect(orderOf(dir)).toEqual(["int_c_lines", "int_a_other", "mart_x", "int_b_params", "int_big", "int_use"]);
  });

  it("a cycle fails, naming each step of it with its file and line", () => {
    const dir = folder("cycle", {
      "intermediate/int_ok.sql": "select 1",
      "intermediate/int_a.sql": "select *\nfrom int_b",
      "intermediate/int_b.sql": "select * from int_c",
      "intermediate/int_c.sql": "select * from int_ok\njoin int_a on true"
    });
    expect(() => orderOf(dir)).toThrow(ModelOrderError);
    expect(() => orderOf(dir)).toThrow(
      /in a cycle.*int_a reads int_b \(.*int_a\.sql:2\), int_b reads int_c \(.*int_b\.sql:1\), int_c reads int_a \(.*int_c\.sql:2\)\.$/
    );
  });

  it("a model reading itself is a cycle", () => {
    const dir = folder("self", {"marts/mart_self.sql": "select * from mart_self"});
    expect(() => orderOf(dir)).toThrow(/cycle.*mart_self reads mart_self/);
  });

  it("a CTE named like a model is not a reference to it", () => {
    // Were the CTE read as a reference, mart_x and int_y would read each other.
    const dir = folder("cte", {
      "marts/mart_x.sql": "with int_y as (select 1 as v), int_missing as (select 2 as v)\nselect * from int_y join int_missing on true",
      "intermediate/int_y.sql": "select * from mart_x"
    });
    expect(orderOf(dir)).toEqual(["mart_x", "int_y"]);
  });

  it("a comment or a string mentioning a model is not a reference to it", () => {
    const dir = folder("comment", {
      "intermediate/int_a.sql": "-- int_b reads this: select * from int_b\nselect 'from int_b' as s /* join int_b, from int_gone */ from stg_x",
      "intermediate/int_b.sql": "select * from int_a"
    });
    expect(orderOf(dir)).toEqual(["int_a", "int_b"]);
  });

  it("a model-like name that is no model fails with its file and line; other tables are not models", () => {
    const dir = folder("unknown", {
      "intermediate/int_a.sql": "select * from stg_accounts, run_params",
      "marts/mart_x.sql": "select *\nfrom int_a\njoin int_typo using (account_id)\njoin mart_gone using (account_id)"
    });
    expect(() => orderOf(dir)).toThrow(
      /does not exist: .*mart_x\.sql:3 reads int_typo, but there is no intermediate model of that name; .*mart_x\.sql:4 reads mart_gone, but there is no mart model/
    );
  });
});

describe("the real models", () => {
  const order = modelOrder();

  it("are every .sql file of loaders/sql/intermediate and loaders/sql/marts, and the contributions table", () => {
    const files = ["intermediate", "marts"].flatMap((layer) => readdirSync(join(SQL_DIR, layer)).map((f) => f.replace(/\.sql$/, "")));
    expect(order.map((m) => m.name).sort()).toEqual([...files, "int_figure_contributions"].sort());
  });

  it("run each model after every model it reads", () => {
    const position = new Map(order.map((m, i) => [m.name, i]));
    for (const model of order) {
      for (const read of model.reads) expect(position.get(read), `${model.name} reads ${read}`).toBeLessThan(position.get(model.name)!);
    }
    // Spot checks of the graph itself, from the files.
    expect(order.find((m) => m.name === "mart_kpis")?.reads).toEqual(["mart_figures"]);
    expect(order.find((m) => m.name === "mart_figures")?.reads).toContain("int_figure_contributions");
    expect(order.find((m) => m.name === "mart_accounts")?.reads).toContain("mart_demand_units");
  });

  it("put a catalog figure's contributions model after the models it reads", () => {
    const figure = {id: "half_active", model: "tests/fixtures/catalog/half_active.sql", undefinedReason: "none"};
    const withFigure = modelOrder(SQL_DIR, [figure]);
    const names = withFigure.map((m) => m.name);
    expect(withFigure.find((m) => m.name === "int_figure_contributions")?.reads).toEqual(["int_account_asof"]);
    expect(names.indexOf("int_figure_contributions")).toBeGreaterThan(names.indexOf("int_account_asof"));
    expect(names.indexOf("int_figure_contributions")).toBeLessThan(names.indexOf("mart_figures"));
  });
});
