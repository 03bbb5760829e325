/**
 * The schema check of a pipeline output on a sample of its rows, with zod, for the site's
 * data loaders (loaders/site/read.ts; the pages check the same sample against the shapes
 * generated from these schemas, src/lib/guard.ts checkShape, without zod).
 */
import {z, type ZodTypeAny} from "zod";
import {sampleIndices, type SampleIssue} from "../../src/lib/guard.js";

export {SAMPLE_EDGE_ROWS, SAMPLE_SPREAD_ROWS, type SampleIssue} from "../../src/lib/guard.js";

function unwrap(schema: ZodTypeAny): ZodTypeAny {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodNullable || s instanceof z.ZodOptional) s = s.unwrap();
    else if (s instanceof z.ZodDefault) s = s._def.innerType;
    else if (s instanceof z.ZodEffects) s = s.innerType();
    else return s;
  }
}

/**
 * Checks `value` against `schema` on a sample of the rows of every long array
 * (the first and last SAMPLE_EDGE_ROWS and SAMPLE_SPREAD_ROWS spread between)
 * and fully elsewhere. The file was written and validated by the pipeline with
 * the same schema; this catches a file whose columns drifted from the schema
 * the page was written for, at a cost bounded by the sample, not the file.
 * Returns the first issue, or null.
 */
export function checkSample(value: unknown, schema: ZodTypeAny): SampleIssue | null {
  // Long arrays are replaced by their sample; where each sampled row came from is kept to name it.
  const origins = new Map<unknown[], number[]>();
  const reduce = (v: unknown, s: ZodTypeAny): unknown => {
    const u = unwrap(s);
    if (u instanceof z.ZodArray && Array.isArray(v)) {
      const element = u.element as ZodTypeAny;
      const indices = sampleIndices(v.length);
      const sample = indices.map((i) => reduce(v[i], element));
      if (indices.length < v.length) origins.set(sample, indices);
      return sample;
    }
    if (u instanceof z.ZodObject && v !== null && typeof v === "object" && !Array.isArray(v)) {
      const shape = u.shape as Record<string, ZodTypeAny>;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, {value: k in shape ? reduce(x, shape[k]) : x, enumerable: true});
      return out;
    }
    return v;
  };
  const reduced = reduce(value, schema);
  const result = schema.safeParse(reduced);
  if (result.success) return null;
  const issue = result.error.issues[0];
  // Map sample positions in the path back to row numbers of the file.
  const path: (string | number)[] = [];
  let at: unknown = reduced;
  for (const key of issue.path) {
    const origin = Array.isArray(at) ? origins.get(at) : undefined;
    path.push(origin && typeof key === "number" ? origin[key] : key);
    at = at !== null && typeof at === "object" ? (at as Record<string | number, unknown>)[key] : undefined;
  }
  return {path, message: issue.message};
}
