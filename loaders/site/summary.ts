/**
 * "What changed, in words": the few sentences at the top of the Overview, written at build
 * time from the figures (no service, no randomness: the same outputs give the same words).
 *
 * - change: the headline figures that moved most since the previous period, and whether the
 *   move crossed an edge of the benchmark band. "Most" is measured in widths of the figure's
 *   band (high − low), so that points of a rate and months of a duration compare; a figure
 *   without a two-sided band is measured against its previous value (relative change).
 * - white_space: the product × segment with the largest white-space potential, and its share.
 * - pursue_now: how many demand units are in "Pursue now", their potential, and the owners
 *   holding most of it.
 * Pure: tested with fixed inputs against exact sentences (tests/site/summary.test.ts).
 */
import {HEADLINE_FIGURES, figureEntry} from "../../src/catalog/index.js";
import {bandText, changeText, formatValue} from "../../src/lib/figures.js";
import {count, money, pct} from "../../src/lib/format.js";
import type {DemandUnitRow, FigureRow, Kpis} from "../../src/schemas/index.js";

type Status = "below" | "within" | "above";

export interface SummaryInput {
  kpis: Pick<Kpis, "as_of" | "currency" | "kpis">;
  /** Overall figures at the end of the previous period (shape.ts previousFigures). */
  previous: (Pick<FigureRow, "as_of" | "value" | "status"> & {figure: string})[];
  /** White-space potential per product × segment (shape.ts whiteSpacePage by_segment). */
  bySegment: {product_id: string; segment: string; potential: number}[];
  products: {product_id: string; product_name: string}[];
  units: Pick<DemandUnitRow, "quadrant" | "potential" | "owner">[];
  /** How many headline figures to name (default 2) and owners to name (default 3). */
  movers?: number;
  owners?: number;
}

export interface SummarySentence {
  topic: "change" | "white_space" | "pursue_now";
  text: string;
  /** Where the sentence's detail is, relative to the site root. */
  href: string;
}

export interface OverviewSummary {
  as_of: string;
  previous_as_of: string | null;
  /** The headline figure that moved most (null when none moved or there is no previous period). */
  top_mover: string | null;
  sentences: SummarySentence[];
}

interface Move {
  id: string;
  label: string;
  current: number;
  previous: number;
  size: number;
  band: string | null;
  from: Status | null;
  to: Status | null;
}

/** The band phrase after a move: "still within its benchmark band (15.0%–30.0%)", "dropping below …". */
function bandPhrase(m: Move): string {
  if (!m.band || !m.from || !m.to) return "";
  const band = `its benchmark band (${m.band})`;
  if (m.from === m.to) return `, still ${m.to === "within" ? "within" : m.to} ${band}`;
  if (m.to === "within") return `, ${m.from === "below" ? "rising into" : "falling back into"} ${band}`;
  if (m.from === "within") return `, ${m.to === "below" ? "dropping below" : "rising above"} ${band}`;
  return `, crossing the whole of ${band} from ${m.from} to ${m.to}`;
}

function moves(input: SummaryInput): Move[] {
  const out: Move[] = [];
  for (const id of HEADLINE_FIGURES) {
    const now = input.kpis.kpis[id];
    const before = input.previous.find((f) => f.figure === id);
    if (!now || now.value == null || !before || before.value == null) continue;
    const d = now.value - before.value;
    if (d === 0) continue;
    const low = now.low ?? null;
    const high = now.high ?? null;
    const size = low != null && high != null && high > low ? Math.abs(d) / (high - low) : before.value !== 0 ? Math.abs(d / before.value) : Infinity;
    out.push({
      id,
      label: figureEntry(id).label,
      current: now.value,
      previous: before.value,
      size,
      band: bandText(id, low, high),
      from: (before.status as Status | null) ?? null,
      to: (now.status as Status | null) ?? null
    });
  }
  // Largest move first; ties in the catalog's order (sort is stable).
  return out.sort((a, b) => b.size - a.size);
}

function moveText(m: Move, currency: string): string {
  const change = changeText(m.id, m.current, m.previous);
  return `${formatValue(m.id, m.previous, currency)} → ${formatValue(m.id, m.current, currency)}${change ? ` (${change})` : ""}${bandPhrase(m)}`;
}

function changeSentence(input: SummaryInput, ranked: Move[], previousAsOf: string | null): string {
  if (previousAsOf === null) return "There are no figures for the previous period to compare with (the data start within the period).";
  const since = `since the previous period (as of ${previousAsOf})`;
  if (ranked.length === 0) return `None of the headline figures changed ${since}.`;
  const [first, ...rest] = ranked.slice(0, input.movers ?? 2);
  let text = `${first.label} moved most ${since}: ${moveText(first, input.kpis.currency)}.`;
  for (const m of rest) text += ` Next, ${m.label}: ${moveText(m, input.kpis.currency)}.`;
  return text;
}

function whiteSpaceSentence(input: SummaryInput): string {
  const total = input.bySegment.reduce((s, r) => s + r.potential, 0);
  const top = [...input.bySegment].sort(
    (a, b) => b.potential - a.potential || a.product_id.localeCompare(b.product_id) || a.segment.localeCompare(b.segment)
  )[0];
  if (!top || !(top.potential > 0)) return "There is no white space with an estimated potential: every active account holds every core product it could.";
  const name = input.products.find((p) => p.product_id === top.product_id)?.product_name ?? top.product_id;
  const c = input.kpis.currency;
  return `The largest white space is ${name} in ${top.segment}: ${money(top.potential, c)} of potential, ${pct(top.potential / total)} of all white space (${money(total, c)}).`;
}

function pursueSentence(input: SummaryInput): string {
  const units = input.units.filter((u) => u.quadrant === "Pursue now");
  if (units.length === 0) return "No demand unit is in Pursue now.";
  const c = input.kpis.currency;
  const potential = units.reduce((s, u) => s + (u.potential ?? 0), 0);
  const byOwner = new Map<string, {owner: string; n: number; potential: number}>();
  let unowned = 0;
  for (const u of units) {
    if (u.owner == null) {
      unowned++;
      continue;
    }
    const o = byOwner.get(u.owner) ?? {owner: u.owner, n: 0, potential: 0};
    o.n++;
    o.potential += u.potential ?? 0;
    byOwner.set(u.owner, o);
  }
  const owners = [...byOwner.values()].sort((a, b) => b.potential - a.potential || b.n - a.n || a.owner.localeCompare(b.owner));
  const named = owners.slice(0, input.owners ?? 3);
  const unit = (n: number) => `${count(n)} unit${n === 1 ? "" : "s"}`;
  let text = `${count(units.length)} demand unit${units.length === 1 ? " is" : "s are"} in Pursue now, with ${money(potential, c)} of potential.`;
  if (named.length) {
    const list = named.map((o) => `${o.owner} (${unit(o.n)}, ${money(o.potential, c)})`);
    const joined = list.length > 1 ? `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}` : list[0];
    text +=
      owners.length === 1
        ? ` They belong to ${joined}.`
        : ` They belong to ${count(owners.length)} owners; the most potential is with ${joined}.`;
  }
  if (unowned) text += ` ${unit(unowned)} ${unowned === 1 ? "has" : "have"} no owner.`;
  return text;
}

export function overviewSummary(input: SummaryInput): OverviewSummary {
  const previousAsOf = input.previous.reduce<string | null>((max, f) => (max === null || f.as_of > max ? f.as_of : max), null);
  const ranked = moves(input);
  return {
    as_of: input.kpis.as_of,
    previous_as_of: previousAsOf,
    top_mover: ranked[0]?.id ?? null,
    sentences: [
      {topic: "change", text: changeSentence(input, ranked, previousAsOf), href: ranked[0] ? `./trends?figure=${ranked[0].id}` : "./trends"},
      {topic: "white_space", text: whiteSpaceSentence(input), href: "./white-space"},
      {topic: "pursue_now", text: pursueSentence(input), href: "./priority-matrix?quadrant=Pursue+now"}
    ]
  };
}
