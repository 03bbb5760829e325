// Data loader: every rejected row, for download (validated first). Written
// again with the shared people-facing writer (src/lib/csv.ts): every cell is
// guarded against spreadsheet formulas whatever wrote the pipeline's file, and
// a BOM tells a spreadsheet the text is UTF-8 (as the table downloads do).
import {readOutput} from "../../loaders/site/read.js";
import {toCsv, type CsvColumn} from "../lib/csv.js";

type Reject = ReturnType<typeof readOutput<"rejects">>[number];
const COLUMNS: CsvColumn<Reject>[] = (["file", "line", "column", "value", "reason"] as const).map((key) => ({label: key, value: (r) => r[key]}));

try {
  process.stdout.write("\ufeff" + toCsv(readOutput("rejects"), COLUMNS));
} catch (e) {
  process.stderr.write(`data loader rejects.csv: ${(e as Error).message}\n`);
  process.exit(1);
}
