/**
 * THE LIST OF BREAKDOWNS (metrics.md, Breakdowns): every figure of figures.json
 * is cut by each of these, and each gets its own trend file
 * figures_by_<id>.json. The value of each dimension for an account is one
 * column of loaders/sql/intermediate/int_account_dims.sql, which returns them
 * in long format (account_id, dimension, cut); a test checks that it returns
 * exactly these.
 *
 * Plain data, no node imports: pages import it in the browser.
 */
export const DIMENSIONS = [
  {id: "segment", label: "Segment"},
  {id: "region", label: "Region"},
  {id: "industry", label: "Industry"},
  {id: "owner", label: "Account owner"},
  {id: "in_target_profile", label: "Target profile"},
  {id: "tier", label: "ABCD tier"},
  {id: "acquisition_cohort", label: "Acquisition cohort"}
] as const satisfies readonly {id: string; label: string}[];

export type DimensionId = (typeof DIMENSIONS)[number]["id"];
