/**
 * DataTable — a sortable, searchable table with a CSV download.
 *
 *   DataTable(rows, {columns, title, filename, pageSize, document})
 *
 * columns: [{key, label, value?, format?, align?, href?}]
 *   - key: column id (also the default value: row[key])
 *   - label: header text
 *   - value(row): the raw value (used for sorting, searching and the CSV)
 *   - format(value, row): display text (default: String, "—" for null)
 *   - align: "left" | "right" (numbers default right)
 *   - href(row): makes the cell a link (e.g. to an account page)
 * Options:
 *   - title: accessible name of the table (caption)
 *   - filename: CSV file name (default "table.csv")
 *   - pageSize: rows shown before "Show more" (default 50)
 *   - sort: initial {key, desc}
 *   - urlKey: keeps the search text and the sort in the page's URL query, as
 *     <urlKey>_q=text and <urlKey>_sort=column (descending: -column), so that a
 *     copied link shows the same rows; an unknown column falls back to the
 *     initial sort with a note (src/lib/url-state.ts). One key per table of a page.
 *   - env: where the URL is read and written (tests; default: the browser's)
 *   - document: a DOM document (tests)
 * Cells are text (textContent), never HTML. The CSV is written by
 * src/lib/csv.ts (formula-looking cells prefixed with ').
 * Returns a <div class="data-table"> with a search box, the table and buttons.
 */
import {toCsv, type CsvColumn} from "../lib/csv.js";
import {MISSING} from "../lib/format.js";
import {doc, el, type Doc} from "./dom.js";
import {browserEnv, currentSearch, noteElement, readParam, setParam, text, type ParamSpec, type UrlEnv} from "../lib/url-state.js";

export interface Column<T> {
  key: string;
  label: string;
  value?: (row: T) => unknown;
  format?: (value: any, row: T) => string;
  align?: "left" | "right";
  href?: (row: T) => string | null;
}

export interface DataTableOptions<T> {
  columns: Column<T>[];
  title?: string;
  filename?: string;
  pageSize?: number;
  sort?: {key: string; desc?: boolean};
  urlKey?: string;
  env?: UrlEnv | null;
  document?: Doc;
}

export interface SortState {
  key: string | null;
  desc: boolean;
}

/** The sort as a URL parameter: "potential" ascending, "-potential" descending; only the table's columns. */
export function sortParam(columnKeys: readonly string[], initial: SortState): ParamSpec<SortState> {
  return {
    default: initial,
    noun: "sort column",
    parse: (raw) => {
      if (raw.length !== 1) return undefined;
      const desc = raw[0].startsWith("-");
      const key = desc ? raw[0].slice(1) : raw[0];
      return columnKeys.includes(key) ? {key, desc} : undefined;
    },
    format: (v) => (v.key == null ? [] : [`${v.desc ? "-" : ""}${v.key}`])
  };
}

const valueOf = <T>(c: Column<T>, row: T): unknown => (c.value ? c.value(row) : (row as Record<string, unknown>)[c.key]);

/** Ascending order with nulls last, numbers numerically, text by locale. */
export function compareValues(a: unknown, b: unknown): number {
  const an = a == null || (typeof a === "number" && Number.isNaN(a));
  const bn = b == null || (typeof b === "number" && Number.isNaN(b));
  if (an || bn) return an && bn ? 0 : an ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return String(a).localeCompare(String(b), "en", {numeric: true});
}

/** Rows matching every word of the query in any column (case-insensitive). */
export function searchRows<T>(rows: readonly T[], columns: Column<T>[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...rows];
  return rows.filter((row) => {
    const text = columns
      .map((c) => {
        const v = valueOf(c, row);
        return `${v ?? ""} ${c.format ? c.format(v, row) : ""}`;
      })
      .join(" ")
      .toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** Rows sorted by a column (stable; nulls last in both directions). */
export function sortRows<T>(rows: readonly T[], column: Column<T>, desc = false): T[] {
  return rows
    .map((row, i) => ({row, i, v: valueOf(column, row)}))
    .sort((a, b) => {
      const an = a.v == null, bn = b.v == null;
      if (an || bn) return an && bn ? a.i - b.i : an ? 1 : -1;
      const c = compareValues(a.v, b.v);
      return (desc ? -c : c) || a.i - b.i;
    })
    .map((x) => x.row);
}

/** The CSV text of the rows as shown (raw values, not formatted text). */
export function tableCsv<T>(rows: readonly T[], columns: Column<T>[]): string {
  const csvColumns: CsvColumn<T>[] = columns.map((c) => ({label: c.label, value: (row) => valueOf(c, row)}));
  return toCsv(rows, csvColumns);
}

let tableCounter = 0;

/** Longer cell texts are clipped to about this many characters (.cell-clip in style.css). */
const LONG_TEXT = 40;

export function DataTable<T>(rows: readonly T[], options: DataTableOptions<T>): HTMLElement {
  const d = doc(options.document);
  const {columns} = options;
  const pageSize = options.pageSize ?? 50;
  const id = `dt-${++tableCounter}`;
  let query = "";
  let sortKey = options.sort?.key ?? null;
  let desc = options.sort?.desc ?? false;
  let shown = pageSize;

  // The search and sort of the link, when the table keeps them in the URL.
  const env = options.urlKey == null ? null : options.env === undefined ? browserEnv() : options.env;
  const queryName = `${options.urlKey}_q`, sortName = `${options.urlKey}_sort`;
  const querySpec = text({noun: "search"});
  const sortSpec = sortParam(columns.map((c) => c.key), {key: sortKey, desc});
  const notes: string[] = [];
  if (env) {
    const search = currentSearch(env);
    query = readParam(search, queryName, querySpec).value;
    const sorted = readParam(search, sortName, sortSpec);
    ({key: sortKey, desc} = sorted.value);
    if (sorted.note) notes.push(sorted.note);
  }

  const root = el(d, "div", {class: "data-table"});
  const search = el(d, "input", {type: "search", placeholder: "Search…", "aria-label": `Search ${options.title ?? "table"}`, id: `${id}-search`});
  search.value = query;
  const download = el(d, "button", {type: "button", class: "csv-download"}, "Download CSV");
  const count = el(d, "span", {class: "data-table-count", "aria-live": "polite"});
  // Shown (style.css) only while the table is wider than its box: data-wide, set below.
  const hint = el(d, "span", {class: "data-table-hint"}, `Scroll sideways for all ${columns.length} columns`);
  root.append(el(d, "div", {class: "data-table-toolbar"}, search, download, count, hint));
  for (const note of notes) root.append(noteElement(d, note));
  const scroller = el(d, "div", {class: "data-table-scroll", style: "overflow-x:auto; max-width:100%;", tabindex: "0", role: "region", "aria-label": options.title ?? "table"});
  const table = el(d, "table", {});
  if (options.title) table.append(el(d, "caption", {class: "sr-only", style: "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"}, options.title));
  const thead = el(d, "thead");
  const tbody = el(d, "tbody");
  table.append(thead, tbody);
  scroller.append(table);
  const more = el(d, "button", {type: "button", class: "show-more"}, "Show more");
  root.append(scroller, more);

  // Right-aligned when its values are numbers: judged once per column from its first value
  // (a column holds one type), not by scanning every row on every render — 200,000 rows × 13
  // columns made the accounts page take seconds.
  const numericColumns = new Map<string, boolean>();
  const numeric = (c: Column<T>): boolean => {
    if (c.align != null) return c.align === "right";
    if (!numericColumns.has(c.key)) {
      const first = rows.find((r) => valueOf(c, r) != null);
      numericColumns.set(c.key, first !== undefined && typeof valueOf(c, first) === "number");
    }
    return numericColumns.get(c.key)!;
  };

  function current(): T[] {
    const found = searchRows(rows, columns, query);
    const col = columns.find((c) => c.key === sortKey);
    return col ? sortRows(found, col, desc) : found;
  }

  function renderHead() {
    const tr = el(d, "tr");
    for (const c of columns) {
      const sorted = c.key === sortKey;
      const th = el(d, "th", {scope: "col", "aria-sort": sorted ? (desc ? "descending" : "ascending") : "none", style: numeric(c) ? "text-align:right" : null});
      // A no-break space: a long label may wrap (style.css), its arrow stays with its last word.
      const b = el(d, "button", {type: "button", class: "sort", "data-key": c.key, style: "all:unset;cursor:pointer;font-weight:600;"}, c.label, sorted ? (desc ? "\u00a0▾" : "\u00a0▴") : "");
      b.addEventListener("click", () => {
        if (sortKey === c.key) desc = !desc;
        else {
          sortKey = c.key;
          desc = numeric(c);
        }
        if (env) setParam(sortName, sortSpec, {key: sortKey, desc}, env);
        root.querySelector(":scope > .url-note")?.remove();
        render();
      });
      th.append(b);
      tr.append(th);
    }
    thead.replaceChildren(tr);
  }

  function render() {
    renderHead();
    const all = current();
    const visible = all.slice(0, shown);
    tbody.replaceChildren(
      ...visible.map((row) => {
        const tr = el(d, "tr");
        for (const c of columns) {
          const v = valueOf(c, row);
          const text = c.format ? c.format(v, row) : v == null ? MISSING : Array.isArray(v) ? v.join(", ") : String(v);
          const href = c.href?.(row);
          // Rows stay on one line (CSS: nowrap); a long text is cut with an ellipsis
          // and keeps its whole value in the title, shown on hover.
          const long = text.length > LONG_TEXT;
          const content = long ? el(d, "span", {class: "cell-clip"}, text) : text;
          tr.append(el(d, "td", {style: numeric(c) ? "text-align:right;font-variant-numeric:tabular-nums" : null, title: long ? text : null}, href ? el(d, "a", {href}, content) : content));
        }
        return tr;
      })
    );
    count.textContent = `${visible.length.toLocaleString("en-US")} of ${all.length.toLocaleString("en-US")} rows${all.length < rows.length ? ` (${rows.length.toLocaleString("en-US")} in all)` : ""}`;
    more.hidden = all.length <= shown;
  }

  search.addEventListener("input", () => {
    query = search.value;
    if (env) setParam(queryName, querySpec, query, env);
    shown = pageSize;
    render();
  });
  more.addEventListener("click", () => {
    shown += pageSize * 4;
    render();
  });
  download.addEventListener("click", () => {
    const csv = tableCsv(current(), columns);
    const url = URL.createObjectURL(new Blob(["\ufeff", csv], {type: "text/csv;charset=utf-8"}));
    const a = el(d, "a", {href: url, download: options.filename ?? "table.csv"});
    d.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  render();
  markWide(root, scroller, table);
  return root;
}

/**
 * A table wider than its box (the Accounts list's 15 columns on a laptop, most
 * tables on a phone) gets data-wide: style.css then bounds its box in height so
 * that the sideways scroll bar is on screen, keeps the header row and the first
 * column in view while it scrolls, and shows the hint. Checked again whenever the
 * box or the table changes size (a resize, a search, "Show more").
 */
function markWide(root: HTMLElement, scroller: HTMLElement, table: HTMLElement): void {
  const view = root.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  if (!view?.ResizeObserver) return; // (jsdom in tests: no layout)
  const check = () => root.toggleAttribute("data-wide", table.offsetWidth > scroller.clientWidth + 1);
  const observer = new view.ResizeObserver(check);
  observer.observe(scroller);
  observer.observe(table);
}
