import {describe, expect, it} from "vitest";
import {alongside, sha256File} from "../../../loaders/pipeline/ingest/hash.js";
import {scanAndHashDirectCsv} from "../../../loaders/pipeline/ingest/read.js";
import {findBlankLines, scanCsv} from "../../../loaders/pipeline/ingest/scan.js";

describe("work alongside DuckDB's read", () => {
  it("left unawaited after the read failed, its own failure is no unhandled rejection; awaited, it still throws", async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      // The pipeline's read failed first, so these are never awaited, and their file is gone.
      alongside(sha256File("/nonexistent/invoice_lines.csv"));
      alongside(findBlankLines("/nonexistent/accounts.csv.gz"));
      alongside(scanCsv("/nonexistent/demand_units.csv"));
      // a direct export's scan and its hash, one read: neither promise is awaited
      scanAndHashDirectCsv("/nonexistent/opportunities.csv");
      scanAndHashDirectCsv("/nonexistent/opportunities.csv.gz");
      const both = scanAndHashDirectCsv("/nonexistent/invoice_lines.csv");
      await expect(both.sha256).rejects.toThrow(/ENOENT/);
      const awaited = alongside(sha256File("/nonexistent/products.csv"));
      await expect(awaited).rejects.toThrow(/ENOENT/);
      // A gzipped export's file error reaches the reader too (not an uncaught 'error' event).
      await expect(findBlankLines("/nonexistent/fx_rates.csv.gz")).rejects.toThrow(/ENOENT/);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", listener);
    }
  });
});

describe("reading a gzipped export's header and first bytes", () => {
  it("a file error is the reader's, not an uncaught 'error' event", async () => {
    const {readCsvHeader} = await import("../../../loaders/pipeline/ingest/header.js");
    const {readHead} = await import("../../../loaders/pipeline/ingest/encoding.js");
    await expect(readCsvHeader("/nonexistent/accounts.csv.gz")).rejects.toThrow(/ENOENT/);
    await expect(readHead("/nonexistent/accounts.csv.gz")).rejects.toThrow(/ENOENT/);
  });
});
