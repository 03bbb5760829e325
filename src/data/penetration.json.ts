// Data loader: penetration as written by the pipeline, validated with its schema.
import {emitJson, readOutput} from "../../loaders/site/read.js";

await emitJson("penetration.json", () => readOutput("penetration"));
