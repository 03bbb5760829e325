// Data loader: the full rejects.csv, copied as is for download (validated first).
import {readFileSync} from "node:fs";
import {outputPath, readOutput} from "../../loaders/site/read.js";

try {
  readOutput("rejects");
  process.stdout.write(readFileSync(outputPath("rejects"), "utf8"));
} catch (e) {
  process.stderr.write(`data loader rejects.csv: ${(e as Error).message}\n`);
  process.exit(1);
}
