// Data loader: ttc_cohorts as written by the pipeline, validated with its schema.
import {emitJson, readOutput} from "../../loaders/site/read.js";

await emitJson("ttc_cohorts.json", () => readOutput("ttc_cohorts"));
