// Data loader: open_pipeline as written by the pipeline, validated with its schema.
import {emitJson, readOutput} from "../../loaders/site/read.js";

await emitJson("open_pipeline.json", () => readOutput("open_pipeline"));
