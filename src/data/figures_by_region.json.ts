// Data loader: every figure cut by region at every month end, validated with its schema.
import {emitJson, readOutput} from "../../loaders/site/read.js";

await emitJson("figures_by_region.json", () => readOutput("figures_by_region"));
