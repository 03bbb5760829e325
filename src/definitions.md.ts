// Page loader: the Definitions page, with a static anchor per figure and the bands in force.
import {definitionsMarkdown} from "../loaders/site/definitions.js";
import {readOutput} from "../loaders/site/read.js";

try {
  process.stdout.write(definitionsMarkdown(readOutput("manifest").bands));
} catch (e) {
  process.stderr.write(`page loader definitions.md: ${(e as Error).message}\n`);
  process.exit(1);
}
