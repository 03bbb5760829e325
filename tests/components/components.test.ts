import {describe, expect, it} from "vitest";
import {FigureCard} from "../../src/components/figureCard.js";
import {DataTable, searchRows, sortRows, tableCsv} from "../../src/components/dataTable.js";
import {PriorityMatrix, cellTip, isAggregated, matrixCells, matrixPoints, quadrantLabels, unitTip, type MatrixUnit} from "../../src/components/priorityMatrix.js";
import {ParetoCurve, paretoPoints, thinPoints} from "../../src/components/paretoCurve.js";
import {TrendChart, bandRows} from "../../src/components/trendChart.js";
import {HeatGrid, heatGridLayout, shorten} from "../../src/components/heatGrid.js";
import {Histogram} from "../../src/components/histogram.js";
import {CohortCurves} from "../../src/components/cohortCurves.js";
import {BarChart} from "../../src/components/barChart.js";
import {BenchmarkBullet} from "../../src/components/benchmarkBullet.js";
import {makeDocument} from "./render.js";

const document = makeDocument();
const marks = (el: Element) => el.querySelectorAll("[aria-label] path, [aria-label] rect, [aria-label] circle, [aria-label] line").length;

describe("FigureCard", () => {
  it("shows the value, status in words, band, change and a sparkline", () => {
    const card = FigureCard(
      {id: "time_to_cross_sell_months", value: 5.2, low: 6, high: 12, status: "below"},
      {document, previous: 5.5, history: [{date: "2026-04-30", value: 5.6}, {date: "2026-05-31", value: 5.5}, {date: "2026-06-30", value: 5.2}]}
    );
    expect(card.querySelector(".kpi-value")!.textContent).toBe("5.2 months");
    expect(card.querySelector(".kpi-status")!.textContent).toBe("faster than benchmark — check for premature cross-selling");
    expect(card.textContent).toContain("6.0–12.0 months");
    expect(card.textContent).toContain("−0.3 months vs previous month");
    expect(card.querySelector("a")!.getAttribute("href")).toBe("./definitions#time_to_cross_sell_months");
    expect(card.querySelector("svg")).not.toBeNull();
    expect(card.getAttribute("data-value")).toBe("5.2");
  });
  it("says why an undefined figure is undefined, and never shows 0", () => {
    const card = FigureCard({id: "cross_sell_rate", value: null, low: 0.15, high: 0.3, status: null, reason: "no existing customers at the period start"}, {document});
    expect(card.textContent).toContain("Not enough data — no existing customers at the period start");
    expect(card.querySelector(".kpi-value")!.textContent).toBe("—");
    expect(card.querySelector(".kpi-status")).toBeNull();
  });
});

describe("DataTable", () => {
  const rows = [
    {name: `<script>alert("x")</script>`, revenue: 10},
    {name: "=cmd", revenue: null},
    {name: "Rocket 🚀", revenue: 30}
  ];
  const columns = [{key: "name", label: "Account"}, {key: "revenue", label: "Revenue"}];
  it("renders names as text, not HTML", () => {
    const el = DataTable(rows, {columns, document});
    expect(el.querySelector("tbody script")).toBeNull();
    expect(el.querySelector("tbody td")!.textContent).toBe(`<script>alert("x")</script>`);
  });
  it("sorts numbers with nulls last in both directions, and searches every column", () => {
    expect(sortRows(rows, columns[1]).map((r) => r.revenue)).toEqual([10, 30, null]);
    expect(sortRows(rows, columns[1], true).map((r) => r.revenue)).toEqual([30, 10, null]);
    expect(searchRows(rows, columns, "rocket")).toHaveLength(1);
    expect(searchRows(rows, columns, "")).toHaveLength(3);
  });
  it("sorts when a header is clicked", () => {
    const el = DataTable(rows, {columns, document});
    (el.querySelector("button.sort[data-key='revenue']") as HTMLButtonElement).click();
    expect([...el.querySelectorAll("tbody tr td:last-child")].map((td) => td.textContent)).toEqual(["30", "10", "—"]);
  });
  it("writes a CSV that a spreadsheet will not run", () => {
    expect(tableCsv(rows, columns)).toContain("'=cmd");
  });
  it("keeps its search and sort in the URL with urlKey, and restores them from it", () => {
    const env = {
      location: {href: "http://localhost/page?other=1&t_q=rocket&t_sort=-revenue"},
      history: {state: null, replaceState: (_d: unknown, _u: string, url: string) => void (env.location.href = new URL(url, env.location.href).href)}
    };
    const el = DataTable(rows, {columns, document, urlKey: "t", env});
    expect((el.querySelector("input[type=search]") as HTMLInputElement).value).toBe("rocket");
    expect([...el.querySelectorAll("tbody tr")].map((tr) => tr.textContent)).toEqual(["Rocket 🚀30"]);
    expect(el.querySelector("th[aria-sort='descending'] button")!.getAttribute("data-key")).toBe("revenue");
    const search = el.querySelector("input[type=search]") as HTMLInputElement;
    search.value = "";
    search.dispatchEvent(new document.defaultView!.Event("input"));
    expect(env.location.href).toBe("http://localhost/page?other=1&t_sort=-revenue");
    (el.querySelector("button.sort[data-key='name']") as HTMLButtonElement).click();
    expect(env.location.href).toBe("http://localhost/page?other=1&t_sort=name");
    expect(el.querySelector(".url-note")).toBeNull();
  });
  it("falls back to the initial sort with a note when the link names an unknown column", () => {
    const env = {location: {href: "http://localhost/page?t_sort=-nope"}, history: {state: null, replaceState: () => undefined}};
    const el = DataTable(rows, {columns, document, urlKey: "t", env, sort: {key: "revenue", desc: true}});
    expect(el.querySelector(".url-note")!.textContent).toBe("unknown sort column '-nope' in the link; showing the default");
    expect([...el.querySelectorAll("tbody tr td:last-child")].map((td) => td.textContent)).toEqual(["30", "10", "—"]);
  });
  it("clips a long text with its whole value as the title", () => {
    const long = "A very long account name that would wrap over three lines in a narrow column";
    const el = DataTable([{name: long, revenue: 1}], {columns, document});
    const td = el.querySelector("tbody td")!;
    expect(td.getAttribute("title")).toBe(long);
    expect(td.querySelector(".cell-clip")!.textContent).toBe(long);
  });
});

const unit = (over: Partial<MatrixUnit>): MatrixUnit => ({
  account_id: "A1", account_name: "Acme", product_id: "CRM", buying_center: null,
  need: 3, fit: 2, urgency: 3, relationship: 2, data: 3, resources: 1,
  why_need: "confidence ANL→CRM 0.62 ≥ 0.5", why_fit: "fit why", why_urgency: "open opportunity", why_relationship: "2 products", why_data: "4 fields", why_resources: "tier D",
  score_source: "derived", opportunity_score: 8 / 3, ability_score: 2, is_disqualified: false, quadrant: "Pursue now", potential: 1000, ...over
});

describe("PriorityMatrix", () => {
  it("draws every qualified unit and no disqualified one, near its scores", () => {
    const units = [unit({}), unit({account_id: "A2", need: 0, is_disqualified: true, quadrant: null}), unit({account_id: "A3", opportunity_score: 1, ability_score: 1, quadrant: "Deprioritise"})];
    const points = matrixPoints(units);
    expect(points.map((p) => p.unit.account_id)).toEqual(["A1", "A3"]);
    for (const p of points) {
      expect(Math.abs(p.x - p.unit.ability_score)).toBeLessThanOrEqual(0.12);
      expect(Math.abs(p.y - p.unit.opportunity_score)).toBeLessThanOrEqual(0.12);
    }
    const svg = PriorityMatrix(units, {document, width: 640});
    expect(svg.querySelectorAll("g[aria-label='dot'] circle")).toHaveLength(2);
    expect(svg.textContent).toContain("Build the relationship");
    // On a phone the names go to the outer edges, the long one on two lines, so that they never meet.
    expect(quadrantLabels(375).map((q) => [q.name, q.anchor])).toEqual([
      ["Pursue now", "end"], ["Build the\nrelationship", "start"], ["Nurture", "end"], ["Deprioritise", "start"]
    ]);
  });
  it("aggregates many units per score cell: count and potential, labelled, quadrant names on top", () => {
    // Cell (ability 2, opportunity 8/3): A1 CRM 1000, A2 CRM 500, A3 ANL 250 → 3 units, 1750.
    // Cell (1, 1): A4 ANL 100 (score 1 computed as 3/3 and as 1: one cell). A5 disqualified: not drawn.
    const units = [
      unit({}), unit({account_id: "A2", potential: 500}), unit({account_id: "A3", product_id: "ANL", potential: 250}),
      unit({account_id: "A4", product_id: "ANL", opportunity_score: 3 / 3, ability_score: 1, quadrant: "Deprioritise", potential: 100}),
      unit({account_id: "A6", product_id: "ANL", opportunity_score: 1, ability_score: (1 + 1 + 1) / 3, quadrant: "Deprioritise", potential: null}),
      unit({account_id: "A5", need: 0, is_disqualified: true, quadrant: null})
    ];
    const cells = matrixCells(units);
    expect(cells).toEqual([
      {x: 2, y: 8 / 3, quadrant: "Pursue now", units: 3, potential: 1750, products: [{product: "CRM", units: 2}, {product: "ANL", units: 1}]},
      {x: 1, y: 1, quadrant: "Deprioritise", units: 2, potential: 100, products: [{product: "ANL", units: 2}]}
    ].map((c) => ({...c, y: Math.round(c.y * 1e9) / 1e9})));
    expect(cellTip(cells[0])).toBe("Opportunity 2.67 · ability to win 2.00 (Pursue now)\n3 demand units · potential $1.8K\nCRM 2 · ANL 1");
    expect(isAggregated(units, 5)).toBe(false); // 5 drawn (the disqualified one is not)
    expect(isAggregated(units, 4)).toBe(true);
    const svg = PriorityMatrix(units, {document, width: 500, aggregateAbove: 4});
    expect(svg.querySelectorAll("g[aria-label='dot'] circle")).toHaveLength(2);
    expect([...svg.querySelectorAll("g[aria-label='text'] text")].map((t) => t.textContent)).toEqual(expect.arrayContaining(["3", "2"]));
    // The quadrant names are the last text mark, so drawn over the circles.
    const texts = [...svg.querySelectorAll("g[aria-label='text']")];
    expect(texts.at(-1)!.textContent).toContain("Pursue now");
    expect(PriorityMatrix(units, {document, width: 500}).querySelectorAll("g[aria-label='dot'] circle")).toHaveLength(5);
  });
  it("tips the six scores with why", () => {
    const tip = unitTip(unit({}));
    expect(tip).toContain("need 3 — confidence ANL→CRM 0.62 ≥ 0.5");
    expect(tip).toContain("resources 1 — tier D");
    expect(unitTip(unit({score_source: "file"}))).toContain("need 3 — from demand_units.csv");
  });
});

describe("HeatGrid on a narrow screen", () => {
  const months = Array.from({length: 24}, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
  it("keeps short column labels flat where they fit", () => {
    const layout = heatGridLayout(["CRM", "ANL", "MKT", "SVC", "DAT"], ["SMB", "Mid-Market", "Enterprise"], 640);
    expect(layout).toMatchObject({tickRotate: 0, xTicks: ["CRM", "ANL", "MKT", "SVC", "DAT"], cellText: true});
    // 375 px, 5 columns of (375 - 150 - 20) / 5 = 41 px: "$52K" (4 × 6.5 + 8 = 34 px) fits, "$1.52M" (47 px) does not.
    expect(heatGridLayout(["CRM", "ANL", "MKT", "SVC", "DAT"], ["A very long account name here"], 375, 4).cellText).toBe(true);
    expect(heatGridLayout(["CRM", "ANL", "MKT", "SVC", "DAT"], ["A very long account name here"], 375, 6).cellText).toBe(false);
  });
  it("turns column labels wider than their column, and writes every n-th when even that is too dense", () => {
    // 375 px, 24 months: margin 40% at most → (375 - 32 - 20) / 24 ≈ 13.5 px a column < 7 × 6.5 px a label.
    const phone = heatGridLayout(months, ["CRM", "ANL"], 375);
    expect(phone.tickRotate).toBe(-45);
    expect(phone.xTicks).toEqual(months.filter((_, i) => i % 2 === 0)); // 14 / 13.5 → every 2nd
    expect(phone.cellText).toBe(false);
    const desktop = heatGridLayout(months, ["CRM", "ANL"], 1280);
    expect(desktop.xTicks).toHaveLength(24);
  });
  it("gives row labels at most 40% of the width and shortens longer ones", () => {
    const name = "The Extremely Long Account Name of a Holding (ACC-000123)";
    const layout = heatGridLayout(["CRM"], [name], 375);
    expect(layout.marginLeft).toBe(150);
    expect(shorten(name, layout.yChars)).toBe("The Extremely Lo…"); // (150 - 26) / 7 → 17 characters
    expect(shorten("SMB", layout.yChars)).toBe("SMB");
  });
});

describe("chart components render marks", () => {
  it("ParetoCurve thins a long curve to evenly spaced ranks, keeping the ends and each tier's last account", () => {
    // 0 (origin) + 10 accounts: tiers A ×3, B ×3, C ×4; at most 4 points → every 3rd rank.
    const tiers = ["A", "A", "A", "B", "B", "B", "C", "C", "C", "C"];
    const points = [{i: 0, tier: null as string | null}, ...tiers.map((tier, k) => ({i: k + 1, tier}))];
    expect(thinPoints(points, 4).map((p) => p.i)).toEqual([0, 3, 6, 9, 10]);
    const uneven = [{i: 0, tier: null as string | null}, ...["A", "B", "B", "B", "B", "C", "C", "C", "C", "D"].map((tier, k) => ({i: k + 1, tier}))];
    // every 3rd (0, 3, 6, 9), the last A (1), B (5), C (9), and the end (10)
    expect(thinPoints(uneven, 4).map((p) => p.i)).toEqual([0, 1, 3, 5, 6, 9, 10]);
    expect(thinPoints(points, 10)).toBe(points); // short enough: untouched
  });

  it("ParetoCurve starts at the origin and ends at 100%", () => {
    const accounts = [{revenue_rank: 2, cumulative_revenue_share: 1, tier: "B"}, {revenue_rank: 1, cumulative_revenue_share: 0.6, tier: "A"}, {revenue_rank: null, cumulative_revenue_share: null, tier: null}];
    expect(paretoPoints(accounts)).toEqual([{accounts: 0, revenue: 0, tier: null}, {accounts: 0.5, revenue: 0.6, tier: "A"}, {accounts: 1, revenue: 1, tier: "B"}]);
    expect(marks(ParetoCurve(accounts, {document}) as Element)).toBeGreaterThan(0);
  });
  it("TrendChart draws its band and lines, leaving undefined points out", () => {
    const rows = [
      {as_of: "2026-04-30", cut: "all", value: null, low: 0.15, high: 0.3},
      {as_of: "2026-05-31", cut: "all", value: 0.2, low: 0.15, high: 0.3},
      {as_of: "2026-06-30", cut: "all", value: 0.22, low: 0.15, high: 0.3}
    ];
    expect(bandRows(rows)).toHaveLength(3);
    const svg = TrendChart(rows, {figure: "cross_sell_rate", document});
    expect(svg.querySelectorAll("g[aria-label='dot'] circle")).toHaveLength(2);
    expect(svg.querySelector("g[aria-label='area']")).not.toBeNull();
  });
  it("HeatGrid, Histogram, CohortCurves, BarChart and BenchmarkBullet draw marks", () => {
    const cells = [{x: "CRM", y: "SMB", v: 0.5}, {x: "ANL", y: "SMB", v: 0.2}];
    // (ordinal fill: jsdom has no canvas for a continuous legend ramp)
    expect(HeatGrid(cells, {x: "x", y: "y", fill: (c) => (c.v > 0.3 ? "high" : "low"), fillType: "ordinal", xLabel: "Product", yLabel: "Segment", document}).querySelectorAll("g[aria-label='cell'] rect")).toHaveLength(2);
    expect(marks(Histogram([1, 2, 2, 3, 8], {xLabel: "Months", document}) as Element)).toBeGreaterThan(0);
    const cohort = [0, 1, 2].map((k) => ({cohort: "2025-Q1", k, cross_sold_share: k / 10, cohort_accounts: 10, at_risk: 10 - k}));
    expect((CohortCurves(cohort, {document}) as Element).querySelector("g[aria-label='line'] path")).not.toBeNull();
    expect((BarChart([{l: "a", v: 1}], {label: "l", value: "v", xLabel: "V", document}) as Element).querySelectorAll("g[aria-label='bar'] rect")).toHaveLength(1);
    expect(marks(BenchmarkBullet([{id: "cross_sell_rate", label: "Cross-sell rate", value: 0.2, low: 0.15, high: 0.3}], {document}) as Element)).toBeGreaterThan(0);
  });
});
