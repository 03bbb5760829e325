// Data loader: every figure cut by acquisition_cohort at every month end, validated with its schema.
import {emitJson, readOutput} from "../../loaders/site/read.js";

await emitJson("figures_by_acquisition_cohort.json", () => readOutput("figures_by_acquisition_cohort"));
