// Page loader: the data-file reference, generated from the zod schemas at build time.
import {renderDataFiles} from "../../loaders/tools/docs/data-files.js";

process.stdout.write(`---\ntitle: Data files\n---\n\n${renderDataFiles("framework")}`);
