// Data loader: white_space as written by the pipeline, validated with its schema.
import {emitJson, readOutput} from "../../loaders/site/read.js";

await emitJson("white_space.json", () => readOutput("white_space"));
