// Parameterised data loader: every figure cut by one breakdown (--dimension=<id>, one of
// src/catalog/dimensions.ts) at every month end: figures_by_segment.json and so on,
// each validated with its schema.
import {parseArgs} from "node:util";
import {DIMENSION_IDS} from "../catalog/index.js";
import {emitJson, readOutput} from "../../loaders/site/read.js";
import type {OutputName} from "../schemas/index.js";

const {values} = parseArgs({options: {dimension: {type: "string"}}});
const dimension = values.dimension ?? "";

await emitJson(`figures_by_${dimension}.json`, () => {
  if (!(DIMENSION_IDS as readonly string[]).includes(dimension)) {
    throw new Error(`"${dimension}" is not a breakdown of src/catalog/dimensions.ts (${DIMENSION_IDS.join(", ")})`);
  }
  return readOutput(`figures_by_${dimension}` as OutputName);
});
