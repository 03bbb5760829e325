/**
 * The one table of cases for the spreadsheet formula guard, run against the
 * TypeScript rule (tests/lib/csv.test.ts) and its SQL twin
 * (tests/pipeline/outputs/csv-safe.test.ts): [cell as the product has it, cell as a
 * CSV for people must hold it (before RFC 4180 quoting)]. Worked out by hand
 * from the rule in src/lib/csv.ts.
 */
export const FORMULA_CASES: readonly (readonly [string, string])[] = [
  // formula starts
  ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
  ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
  ["@SUM(1)", "'@SUM(1)"],
  ["-2+3", "'-2+3"],
  ["=1+1", "'=1+1"],
  ["-Minus Ltd", "'-Minus Ltd"],
  ["+", "'+"],
  ["-", "'-"],
  // tab / CR first, or white space before the trigger
  ["\t=1+1", "'\t=1+1"],
  ["\r=1+1", "'\r=1+1"],
  ["\tTab", "'\tTab"],
  ["\rCR", "'\rCR"],
  [" =1+1", "' =1+1"],
  ["  @x", "'  @x"],
  ["\n=1", "'\n=1"],
  ["\u00a0=1", "'\u00a0=1"],
  ["\u200b=1", "'\u200b=1"],
  ["\u3000+1+1", "'\u3000+1+1"],
  // plain numbers stay numbers
  ["-500.00", "-500.00"],
  ["+3", "+3"],
  ["-1e5", "-1e5"],
  ["-.5", "-.5"],
  ["12.", "12."],
  [" -42 ", " -42 "],
  ["\t-7", "\t-7"],
  // near numbers are not numbers
  ["-1e", "'-1e"],
  ["-1,000.00", "'-1,000.00"],
  ["--5", "'--5"],
  ["-5-", "'-5-"],
  ["+0x1F", "'+0x1F"],
  // leading apostrophes are counted, so the guard can be undone exactly
  ["'=1+1", "''=1+1"],
  ["''@x", "'''@x"],
  ["'-5", "'-5"],
  ["'abc", "'abc"],
  ["'", "'"],
  // harmless text is left alone
  ["", ""],
  ["Acme", "Acme"],
  ["a=b", "a=b"],
  ["ACC-000751", "ACC-000751"],
  ["2025-02-30", "2025-02-30"],
  [" Acme", " Acme"],
  ["<b>bold</b>", "<b>bold</b>"],
  ["O'Brien", "O'Brien"],
  ["x\t=1", "x\t=1"]
];
