// Data loader: win_rates as written by the pipeline, validated with its schema.
import {emitJson, readOutput} from "../../loaders/site/read.js";

await emitJson("win_rates.json", () => readOutput("win_rates"));
