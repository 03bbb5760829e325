/**
 * The bad-input corpus: tests/fixtures/bad-inputs/<case>/ is the minimal fixture
 * with ONE defect, and expected.json says what the run must answer — either a
 * stopping error (exit status and message fragments) or the exact rejected rows
 * (file, line, column, value, reason) and the per-file reconciliation.
 */
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {queryRows} from "../../../loaders/pipeline/db.js";
import {PipelineError, runPipeline} from "../../../loaders/pipeline/run.js";
import {ingestFolder, rejectsOf} from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..", "fixtures", "bad-inputs");

interface Expected {
  description: string;
  error?: {exitCode: number; message: string[]};
  rejects?: {file: string; line: number; column: string; value: string; reason: string}[];
  counts?: Record<string, {rows_read: number; rows_loaded: number; rows_rejected: number}>;
  source_lines?: Record<string, number[]>;
  dates?: Record<string, string>;
}

const cases = readdirSync(ROOT, {withFileTypes: true}).filter((e) => e.isDirectory()).map((e) => e.name).sort().map((name) => ({
  name,
  dir: join(ROOT, name),
  expected: JSON.parse(readFileSync(join(ROOT, name, "expected.json"), "utf8")) as Expected
}));

describe("bad-input corpus", () => {
  it("has one case per rule", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of cases.filter((c) => c.expected.error)) {
    it(`${c.name}: stops with exit ${c.expected.error!.exitCode} (${c.expected.description})`, async () => {
      const failure = await runPipeline({input: c.dir, out: join(c.dir, "..", "..", "..", "..", ".pipeline", "never"), configObject: {}, today: "2025-06-30"})
        .then(() => null)
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(PipelineError);
      const error = failure as PipelineError;
      expect(error.exitCode).toBe(c.expected.error!.exitCode);
      for (const fragment of c.expected.error!.message) expect(error.message).toContain(fragment);
    });
  }

  for (const c of cases.filter((c) => !c.expected.error)) {
    it(`${c.name}: ${c.expected.description}`, async () => {
      const {db, conn, result} = await ingestFolder(c.dir);
      try {
        expect(await rejectsOf(conn)).toEqual(c.expected.rejects);
        for (const f of result.files) {
          // Every file reconciles: read = loaded + rejected.
          expect(f.rows_read).toBe(f.rows_loaded + f.rows_rejected);
          const want = f.path ? c.expected.counts?.[f.path] : undefined;
          if (want) expect({rows_read: f.rows_read, rows_loaded: f.rows_loaded, rows_rejected: f.rows_rejected}).toEqual(want);
          else if (f.path) expect(f.rows_rejected).toBe(0);
        }
        for (const [table, lines] of Object.entries(c.expected.source_lines ?? {})) {
          const rows = await queryRows<{line: number}>(conn, `SELECT source_line::INTEGER AS line FROM ${table} ORDER BY source_line`);
          expect(rows.map((r) => r.line)).toEqual(lines);
        }
        for (const [invoice, date] of Object.entries(c.expected.dates ?? {})) {
          const [row] = await queryRows<{d: string}>(conn, `SELECT strftime(invoiced_on, '%Y-%m-%d') AS d FROM stg_invoice_lines WHERE invoice_id = '${invoice}'`);
          expect(row.d).toBe(date);
        }
      } finally {
        db.close();
      }
    });
  }
});
