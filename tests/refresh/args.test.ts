import {describe, expect, it} from "vitest";
import {parseRefreshArgs, USAGE} from "../../loaders/refresh/args.js";
import {EXIT_BAD_CONFIG} from "../../loaders/exit-codes.js";
import {RefreshError} from "../../loaders/refresh/error.js";

function usageErrorOf(argv: string[]): RefreshError {
  try {
    parseRefreshArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(RefreshError);
    return error as RefreshError;
  }
  throw new Error(`expected a usage error for ${argv.join(" ")}`);
}

describe("parseRefreshArgs", () => {
  it("reads every option, with --out defaulting to dist", () => {
    const parsed = parseRefreshArgs([
      "--input", "exports", "--as-of", "2026-06-30", "--preset", "hubspot", "--mapping", "map.json",
      "--max-age", "7", "--today", "2026-07-03", "--log", "run.jsonl", "--quiet", "--reject-limit", "0.02", "--mode", "billing",
      "--memory-limit", "4GB", "--redact", "--pdf"
    ]);
    expect(parsed).toEqual({
      help: false,
      options: {
        input: "exports", out: "dist", asOf: "2026-06-30", preset: "hubspot", mapping: "map.json", config: undefined,
        rejectLimit: "0.02", memoryLimit: "4GB", mode: "billing", maxAgeDays: 7, today: "2026-07-03", log: "run.jsonl",
        dataOut: undefined, redact: true, quiet: true, verbose: false, pdf: true
      }
    });
  });

  it("fills options from the defaults that npm run build uses, the command line winning", () => {
    const parsed = parseRefreshArgs(["--as-of", "2025-12-31"], {input: "data", out: "dist", dataOut: ".pipeline/out"});
    expect(parsed.help).toBe(false);
    if (parsed.help) return;
    expect(parsed.options).toMatchObject({input: "data", out: "dist", dataOut: ".pipeline/out", asOf: "2025-12-31"});
    const overridden = parseRefreshArgs(["--input", "mine"], {input: "data"});
    expect(!overridden.help && overridden.options.input).toBe("mine");
  });

  it("answers --help without requiring --input, and the help lists every exit code", () => {
    expect(parseRefreshArgs(["--help"])).toEqual({help: true});
    for (const code of ["0", "1", "2", "3", "4"]) expect(USAGE).toMatch(new RegExp(`^  ${code}  `, "m"));
  });

  it("takes --today without --max-age: it is also the pipeline's run date", () => {
    const parsed = parseRefreshArgs(["--input", "x", "--today", "2026-07-01"]);
    expect(parsed.help === false && parsed.options.today).toBe("2026-07-01");
  });

  it.each([
    [[], /--input DIR is required/],
    [["--input", "x", "--bogus"], /Unknown option '--bogus'/],
    [["--input", "x", "extra"], /positional/i],
    [["--input", "x", "--as-of", "2026-02-30"], /--as-of: expected a date written YYYY-MM-DD/],
    [["--input", "x", "--max-age", "seven"], /--max-age must be a whole number/],
    [["--input", "x", "--max-age=-1"], /--max-age must be a whole number/],
    [["--input", "x", "--max-age", "3", "--today", "July"], /--today: expected a date/],
    [["--input", "x", "--mode", "invoices"], /--mode: expected auto, billing or bookings/],
    [["--input", "x", "--reject-limit", "5%"], /--reject-limit: expected a share between 0 and 1/],
    [["--input", "x", "--memory-limit", "lots"], /--memory-limit: expected a size such as/],
    [["--input", "x", "--quiet", "--verbose"], /cannot be used together/]
  ])("rejects %j with exit code 3 and a clear message", (argv, message) => {
    const error = usageErrorOf(argv as string[]);
    expect(error.exitCode).toBe(EXIT_BAD_CONFIG);
    expect(error.message).toMatch(message);
  });
});
