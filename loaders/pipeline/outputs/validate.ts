/**
 * Every output table is checked against its schema before it is published.
 * A failure here is a bug in the pipeline, not bad input: the message names the
 * file and the zod path of the first problems.
 */
import type {ZodIssue, ZodTypeAny} from "zod";

export class OutputSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputSchemaError";
  }
}

/** The error for a file whose content breaks its schema: the first five issues, with their zod paths. */
export function outputSchemaError(file: string, issues: readonly ZodIssue[]): OutputSchemaError {
  const first = issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
  return new OutputSchemaError(
    `Bug: ${file} does not match its schema (src/schemas): ${first.join("; ")}${more}. Nothing was published.`
  );
}

/** Parses `value` with `schema`; returns the parsed value (keys in schema order). */
export function validateOutput(file: string, schema: ZodTypeAny, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw outputSchemaError(file, result.error.issues);
}
