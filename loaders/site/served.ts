/**
 * The files the site serves as data/<name> from one archive (src/data.tar.js streams the
 * prepared folder's data/ as a tar; Framework extracts the member a page asks for), so the
 * ~40 of them cost one loader process instead of one each. prepare.ts writes exactly these
 * (it checks), and the data-file reference (loaders/tools/docs) says how a page loads each.
 * The account pages, the accounts list's views and its search index are archives of their
 * own (src/data/<family>.tar.js): many members each, so that extracting one scans few bytes.
 */
import {CUT_DIMENSIONS} from "../../src/schemas/index.js";

/** Pipeline outputs the site ships as they are (row arrays encoded). */
export const COPIED_OUTPUTS = [
  "kpis",
  "manifest",
  "run",
  "accounts",
  "adjacency",
  "affinity",
  "demand_units",
  "open_pipeline",
  "penetration",
  "products",
  "tiers",
  "ttc_accounts",
  "ttc_cohorts",
  "white_space",
  "win_rates",
  "revenue_bridge",
  ...CUT_DIMENSIONS.map((d) => `figures_by_${d}` as const)
] as const;

/** Files prepare.ts shapes from the outputs for one page or another (src/lib/site-files.ts has their schemas). */
export const SHAPED_FILES = [
  "figures_all.json",
  "figures_current.json",
  "figures_previous.json",
  "overview_trend.json",
  "board_pack.json",
  "rejects.csv",
  "rejects_head.json",
  "pursue_now.json",
  "priority_units.json",
  "accounts_summary.json",
  "concentration.json",
  "team_owners.json",
  "explore_accounts.json",
  "white_space_page.json",
  "overview_summary.json",
  "retention_bridge.json",
  "retention_drilldown.json"
] as const;

/** Every file of data.tar, by name: data/<name> on a page. */
export const SERVED_DATA_FILES: ReadonlySet<string> = new Set([...COPIED_OUTPUTS.map((n) => `${n}.json`), ...SHAPED_FILES]);
