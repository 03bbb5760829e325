/**
 * Every output table is checked against its schema before anything is written.
 * A failure here is a bug in the pipeline, not bad input: the message names the
 * file and the zod path of the first problems.
 */
import type {ZodTypeAny} from "zod";

export class OutputSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputSchemaError";
  }
}

/** Parses `value` with `schema`; returns the parsed value (keys in schema order). */
export function validateOutput(file: string, schema: ZodTypeAny, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
  const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : "";
  throw new OutputSchemaError(
    `Bug: ${file} does not match its schema (src/schemas): ${issues.join("; ")}${more}. Nothing was published.`
  );
}
