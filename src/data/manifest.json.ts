// Data loader: manifest as written by the pipeline, validated with its schema.
import {emitJson, readOutput} from "../../loaders/site/read.js";

await emitJson("manifest.json", () => readOutput("manifest"));
