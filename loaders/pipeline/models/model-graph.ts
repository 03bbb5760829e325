/**
 * The order of the intermediate and mart models, read from the models
 * themselves as dbt's ref() does: each model runs after every model its SQL
 * reads in a FROM or JOIN. So a new model is a new .sql file and nothing else;
 * no hand-kept list can fall out of step with the SQL.
 *
 * The scan is lexical (a tokenizer, not a SQL parser): comments and string
 * literals are skipped, the names a WITH clause defines are not references,
 * and an identifier followed by "(" after FROM is a table function
 * (range, unnest), not a table.
 */
import {readdirSync, readFileSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";

/** Where the models live, below a SQL folder, in the order their layers run on a tie. */
export const MODEL_LAYERS = ["intermediate", "marts"] as const;
export type ModelLayer = (typeof MODEL_LAYERS)[number];

/** A name that can only mean a model: a reference to such a name that is not a model is a mistake. */
const MODEL_NAME = /^(int|mart)_/;

/** A staging table's or view's name (loaders/sql/staging/stg_*.sql): the sources the pipeline drops once spent (models.ts). */
export const STAGING_NAME = /^stg_/;

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** A table a model reads, where it says so (for messages). */
export interface TableReference {
  name: string;
  file: string;
  line: number;
}

export interface ModelNode {
  name: string;
  layer: ModelLayer;
  /** Path for messages (relative to the repository when inside it). */
  file: string;
  references: TableReference[];
}

export interface OrderedModel {
  name: string;
  layer: ModelLayer;
  file: string;
  /** The other models it reads, alphabetical. */
  reads: string[];
  /** The tables it reads that are not models (staging, run parameters), alphabetical: dbt's sources. */
  sources: string[];
}

export class ModelOrderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelOrderError";
  }
}

/** A path for a message: relative to the repository when inside it. */
export function displayPath(path: string): string {
  const rel = relative(REPO_ROOT, path);
  return rel.startsWith("..") ? path : rel;
}

interface Token {
  text: string;
  /** Lower-cased word, or the punctuation itself. */
  word: string;
  line: number;
  identifier: boolean;
}

/** Words, quoted identifiers and the punctuation that matters; comments and string literals dropped. */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const skipTo = (end: number) => {
    for (; i < end && i < sql.length; i++) if (sql[i] === "\n") line++;
  };
  while (i < sql.length) {
    const c = sql[i];
    if (c === "\n") {
      line++;
      i++;
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      skipTo(end === -1 ? sql.length : end + 2);
    } else if (c === "'") {
      // '' inside a literal is an escaped quote: the literal goes on.
      let j = i + 1;
      while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
      skipTo(j + 1);
    } else if (c === '"') {
      const start = line;
      let j = i + 1;
      while (j < sql.length && !(sql[j] === '"' && sql[j + 1] !== '"')) j += sql[j] === '"' ? 2 : 1;
      const name = sql.slice(i + 1, j).replaceAll('""', '"');
      skipTo(j + 1);
      tokens.push({text: name, word: name.toLowerCase(), line: start, identifier: true});
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i, i + 200))![0];
      tokens.push({text: word, word: word.toLowerCase(), line, identifier: true});
      i += word.length;
    } else if (c === "(" || c === ")" || c === "," || c === ".") {
      tokens.push({text: c, word: c, line, identifier: false});
      i++;
    } else {
      i++;
    }
  }
  return tokens;
}

/** Words after which a table name follows. */
const READS = new Set(["from", "join", "unpivot", "pivot"]);
/** Words that end a FROM list (after them a comma is not another table). */
const ENDS_FROM_LIST = new Set([
  "where", "group", "order", "having", "qualify", "window", "limit", "offset", "union", "except", "intersect",
  "on", "using", "select", "positional", "asof", "natural", "cross", "left", "right", "full", "inner", "anti", "semi"
]);

/**
 * The tables a SELECT reads in FROM and JOIN clauses (comma lists included),
 * without the names its WITH clauses define; one entry per mention.
 */
export function tableReferences(sql: string, file = "<sql>"): TableReference[] {
  const tokens = tokenize(sql);
  const cteNames = new Set<string>();
  // name AS [NOT] [MATERIALIZED] ( … ) defines a common table expression.
  for (let k = 0; k + 2 < tokens.length; k++) {
    if (!tokens[k].identifier || tokens[k + 1].word !== "as") continue;
    let m = k + 2;
    if (tokens[m]?.word === "not") m++;
    if (tokens[m]?.word === "materialized") m++;
    if (tokens[m]?.word === "(") cteNames.add(tokens[k].word);
  }
  const references: TableReference[] = [];
  let depth = 0;
  // Per parenthesis depth: a FROM list is open there, and whether a table name is due next.
  const fromList = new Map<number, {expectTable: boolean}>();
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const state = fromList.get(depth);
    if (t.word === "(") {
      if (state) state.expectTable = false; // a subquery or a table function's arguments
      depth++;
    } else if (t.word === ")") {
      fromList.delete(depth);
      depth = Math.max(0, depth - 1);
    } else if (READS.has(t.word)) {
      fromList.set(depth, {expectTable: true});
    } else if (t.word === ",") {
      if (state) state.expectTable = true;
    } else if (ENDS_FROM_LIST.has(t.word)) {
      fromList.delete(depth);
    } else if (state?.expectTable && t.identifier) {
      state.expectTable = false;
      // schema.table: the table is the last part; name( is a table function.
      let last = k;
      while (tokens[last + 1]?.word === "." && tokens[last + 2]?.identifier) last += 2;
      if (tokens[last + 1]?.word !== "(" && !cteNames.has(tokens[last].word)) {
        references.push({name: tokens[last].word, file, line: tokens[last].line});
      }
      k = last;
    }
  }
  return references;
}

/** The model files of a SQL folder (its intermediate/ and marts/ subfolders), with what each reads. */
export function readModelFolder(sqlDir: string): ModelNode[] {
  const nodes: ModelNode[] = [];
  for (const layer of MODEL_LAYERS) {
    const dir = join(sqlDir, layer);
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith(".sql"));
    } catch (e) {
      throw new ModelOrderError(`The model folder ${displayPath(dir)} cannot be read: ${(e as Error).message}`);
    }
    for (const f of files.sort()) {
      const path = join(dir, f);
      const file = displayPath(path);
      nodes.push({name: f.slice(0, -".sql".length), layer, file, references: tableReferences(readFileSync(path, "utf8"), file)});
    }
  }
  return nodes;
}

const at = (r: TableReference) => `${r.file}:${r.line}`;

/** Ties between models that may run next: intermediate before marts, then by name. */
function runsBefore(a: ModelNode, b: ModelNode): number {
  return MODEL_LAYERS.indexOf(a.layer) - MODEL_LAYERS.indexOf(b.layer) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * The models in an order where each comes after every model it reads (a stable
 * topological sort). Among the models ready to run, one that is the last
 * still to read some intermediate or staging (stg_) table goes first: the
 * pipeline drops such a table once its last reader has run (models.ts,
 * dropSpent), so finishing tables early keeps fewer of them alive at once. At
 * benchmark scale the intermediate and staging tables alive at a time averaged
 * about 1.1 GB by their sizes (DuckDB spills beyond its memory limit); in this
 * order, about 0.8 GB. Then, as before, intermediate before marts, then
 * alphabetical. References to other tables
 * (staging, run parameters) are not models and are left out of the order; one
 * to a model-like name (int_, mart_) that is no model, or a cycle, is an error
 * naming the files and lines.
 */
export function orderModels(nodes: ModelNode[]): OrderedModel[] {
  const byName = new Map<string, ModelNode>();
  for (const node of nodes) {
    const other = byName.get(node.name);
    if (other) throw new ModelOrderError(`Two models are named ${node.name}: ${other.file} and ${node.file}.`);
    byName.set(node.name, node);
  }
  const unknown = nodes.flatMap((n) => n.references.filter((r) => !byName.has(r.name) && MODEL_NAME.test(r.name)));
  if (unknown.length) {
    throw new ModelOrderError(
      `A model reads a model that does not exist: ${unknown
        .map((r) => `${at(r)} reads ${r.name}, but there is no ${r.name.startsWith("int_") ? "intermediate" : "mart"} model of that name`)
        .join("; ")}. Add its .sql file next to the others, or correct the name.`
    );
  }
  const namesRead = (n: ModelNode, models: boolean) => [...new Set(n.references.filter((r) => byName.has(r.name) === models).map((r) => r.name))].sort();
  const reads = new Map(nodes.map((n) => [n.name, namesRead(n, true)]));
  // The tables the pipeline drops once spent: intermediate models and staging tables (stg_).
  const dropped = (name: string) => byName.get(name)?.layer === "intermediate" || STAGING_NAME.test(name);
  const tablesRead = new Map(nodes.map((n) => [n.name, [...new Set(n.references.map((r) => r.name))].filter(dropped)]));
  // How many models that have not run read each table.
  const readersLeft = new Map<string, number>();
  for (const tables of tablesRead.values()) for (const t of tables) readersLeft.set(t, (readersLeft.get(t) ?? 0) + 1);
  const finishesATable = (n: ModelNode) => tablesRead.get(n.name)!.some((t) => readersLeft.get(t) === 1);

  const done = new Set<string>();
  const order: OrderedModel[] = [];
  const waiting = [...nodes].sort(runsBefore);
  while (waiting.length) {
    const ready = waiting.filter((n) => reads.get(n.name)!.every((r) => done.has(r)));
    if (!ready.length) throw new ModelOrderError(`The models read each other in a cycle, so none of them can run first: ${describeCycle(waiting, byName, done)}.`);
    const node = ready.find(finishesATable) ?? ready[0];
    waiting.splice(waiting.indexOf(node), 1);
    for (const t of tablesRead.get(node.name)!) readersLeft.set(t, readersLeft.get(t)! - 1);
    done.add(node.name);
    order.push({name: node.name, layer: node.layer, file: node.file, reads: reads.get(node.name)!, sources: namesRead(node, false)});
  }
  return order;
}

/** One cycle among the models that cannot run, as "a (file:line) reads b, b (file:line) reads a". */
function describeCycle(waiting: ModelNode[], byName: Map<string, ModelNode>, done: Set<string>): string {
  const path: {node: ModelNode; ref: TableReference}[] = [];
  const seen = new Map<string, number>();
  let node = waiting[0];
  while (!seen.has(node.name)) {
    seen.set(node.name, path.length);
    // Every waiting model reads a model that has not run; the first such reference, in file order.
    const ref = node.references.find((r) => byName.has(r.name) && !done.has(r.name))!;
    path.push({node, ref});
    node = byName.get(ref.name)!;
  }
  return path
    .slice(seen.get(node.name))
    .map(({node: n, ref}) => `${n.name} reads ${ref.name} (${at(ref)})`)
    .join(", ");
}

/** The given models and every model they need, in run order (dbt's `+model`). */
export function withUpstream(order: OrderedModel[], names: readonly string[]): OrderedModel[] {
  const byName = new Map(order.map((m) => [m.name, m]));
  const unknown = names.filter((n) => !byName.has(n));
  if (unknown.length) throw new ModelOrderError(`There is no model ${unknown.join(", ")}: the models are ${order.map((m) => m.name).join(", ")}.`);
  const needed = new Set<string>();
  const visit = (n: string) => {
    if (needed.has(n)) return;
    needed.add(n);
    for (const r of byName.get(n)!.reads) visit(r);
  };
  names.forEach(visit);
  return order.filter((m) => needed.has(m.name));
}
