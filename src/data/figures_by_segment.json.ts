// Data loader: every figure cut by segment at every month end, validated with its schema.
import {emitJson, readOutput} from "../../loaders/site/read.js";

await emitJson("figures_by_segment.json", () => readOutput("figures_by_segment"));
