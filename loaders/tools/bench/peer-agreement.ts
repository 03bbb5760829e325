/**
 * Whether the pandas peer computed the figures the pipeline did: the bench's time ratio
 * compares like with like only if they agree. Every field of the peer's kpis.json (its dates,
 * currency, and each headline figure's value, counts, quantiles, band and status) is compared
 * with the same field of the pipeline's kpis.json: numbers within 1e-9 relative (the pipeline
 * sums exact decimals, pandas sums doubles), anything else equal.
 */

/** The part of kpis.json both write: a few top-level fields and `kpis`, one object per figure. */
export interface KpisFile {
  kpis: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
}

export interface Disagreement {
  /** `as_of`, or `<figure>.<field>` */
  field: string;
  peer: unknown;
  pipeline: unknown;
}

export interface Agreement {
  /** Fields compared. */
  compared: number;
  disagreements: Disagreement[];
}

const RELATIVE_TOLERANCE = 1e-9;

function same(peer: unknown, pipeline: unknown): boolean {
  if (typeof peer === "number" && typeof pipeline === "number") {
    return Math.abs(peer - pipeline) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(peer));
  }
  return peer === pipeline;
}

export function comparePeerFigures(peer: KpisFile, pipeline: KpisFile): Agreement {
  const disagreements: Disagreement[] = [];
  let compared = 0;
  const check = (field: string, a: unknown, b: unknown) => {
    compared++;
    if (!same(a, b)) disagreements.push({field, peer: a, pipeline: b});
  };
  for (const [field, value] of Object.entries(peer)) if (field !== "kpis") check(field, value, pipeline[field]);
  for (const [figure, fields] of Object.entries(peer.kpis)) {
    const ours = pipeline.kpis[figure];
    for (const [field, value] of Object.entries(fields)) check(`${figure}.${field}`, value, ours === undefined ? undefined : ours[field]);
  }
  return {compared, disagreements};
}

/** The bench's note: how many agreed, or the first few that did not. */
export function describeAgreement({compared, disagreements}: Agreement): string {
  if (!disagreements.length) return `all ${compared} fields of the peer's kpis.json agree with the pipeline's`;
  const shown = disagreements
    .slice(0, 5)
    .map((d) => `${d.field}: peer ${JSON.stringify(d.peer)}, pipeline ${JSON.stringify(d.pipeline) ?? "none"}`);
  return `of ${compared} fields compared: ${shown.join("; ")}${disagreements.length > 5 ? `; and ${disagreements.length - 5} more` : ""}`;
}
