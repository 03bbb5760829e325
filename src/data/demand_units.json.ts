// Data loader: demand_units as written by the pipeline, validated with its schema.
import {emitJson, readOutput} from "../../loaders/site/read.js";

await emitJson("demand_units.json", () => readOutput("demand_units"));
